import {
  BULK_LIVE_COUNT,
  createSandbox,
  SANDBOX_ANCHORS,
  SANDBOX_BULK_ANCHOR,
  SANDBOX_LIVES,
  type WecomLivingInfo,
} from '../../../../sandbox';
import { manualClock } from '../../sandbox-harness';

describe('seeded lives', () => {
  const clock = manualClock();
  const sandbox = createSandbox({ now: clock.now });
  const nowSeconds = clock.now() / 1000;
  const live = (id: string): WecomLivingInfo => {
    const info = sandbox.lives.get(id);
    if (!info) throw new Error(`missing ${id}`);
    return info;
  };

  it.each([
    ['reservedSoon', { status: 0 }],
    ['reservedTomorrow', { status: 0, type: 4 }],
    ['reservedInFiveDays', { status: 0 }],
    ['living', { status: 1, type: 4 }],
    ['endedReplayReady', { status: 2, open_replay: 1, replay_status: 0 }],
    ['endedReplayGenerating', { status: 2, open_replay: 1, replay_status: 1 }],
    ['endedReplayDeleted', { status: 2, open_replay: 1, replay_status: 2 }],
    ['endedReplayFailed', { status: 2, open_replay: 1, replay_status: 3 }],
    ['endedNoReplay', { status: 2, open_replay: 0 }],
    ['expired', { status: 3 }],
    ['cancelled', { status: 4 }],
  ] as const)('%s is %o', (name, expected) => {
    expect(live(SANDBOX_LIVES[name])).toMatchObject(expected);
  });

  it('times the reserved lives relative to the clock', () => {
    const soon = live(SANDBOX_LIVES.reservedSoon).reserve_start - nowSeconds;
    expect(soon).toBeGreaterThanOrEqual(20 * 60);
    expect(soon).toBeLessThan(21 * 60);
    const tomorrow = live(SANDBOX_LIVES.reservedTomorrow).reserve_start - nowSeconds;
    expect(Math.round(tomorrow / 3600)).toBe(24);
    const later = live(SANDBOX_LIVES.reservedInFiveDays).reserve_start - nowSeconds;
    expect(Math.round(later / 86400)).toBe(5);
    expect(live(SANDBOX_LIVES.living).living_start).toBeLessThan(nowSeconds);
    expect(live(SANDBOX_LIVES.endedReplayReady).living_start).toBeLessThan(nowSeconds);
  });

  it('gives the living live viewers online and nobody else', () => {
    expect(live(SANDBOX_LIVES.living).online_count).toBeGreaterThan(0);
    for (const [name, id] of Object.entries(SANDBOX_LIVES)) {
      if (name !== 'living') expect(live(id).online_count).toBe(0);
    }
  });

  it('represents every type 0–4 and is owned by the showcase anchors', () => {
    const showcase = Object.values(SANDBOX_LIVES).map(live);
    expect(new Set(showcase.map((i) => i.type))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(new Set(showcase.map((i) => i.anchor_userid))).toEqual(new Set(SANDBOX_ANCHORS));
    for (const info of showcase) {
      expect(info.theme).toMatch(/[\u4e00-\u9fff]/);
      expect(info.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('uses real-looking ids and a bulk anchor with 120 ended lives', () => {
    for (const { livingId } of sandbox.lives.list()) expect(livingId).toMatch(/^lvOQpQDgAA[A-Za-z0-9_-]{22}$/);
    const bulk = sandbox.lives.list().filter((l) => l.info.anchor_userid === SANDBOX_BULK_ANCHOR);
    expect(bulk).toHaveLength(BULK_LIVE_COUNT);
    expect(BULK_LIVE_COUNT).toBe(120);
    for (const { info } of bulk) expect(info.status).toBe(2);
  });

  it('starts empty with seed: false', () => {
    expect(createSandbox({ seed: false }).lives.list()).toEqual([]);
  });
});
