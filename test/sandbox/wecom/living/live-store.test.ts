import { createSandbox, SANDBOX_LIVES } from '../../../../sandbox';
import { manualClock } from '../../sandbox-harness';

describe('sandbox.lives', () => {
  const setup = () => {
    const clock = manualClock();
    return { clock, lives: createSandbox({ now: clock.now }).lives };
  };

  it('returns copies, so callers cannot change a live behind the sandbox’s back', () => {
    const { lives } = setup();
    const info = lives.get(SANDBOX_LIVES.living);
    if (info) info.theme = 'changed';
    expect(lives.get(SANDBOX_LIVES.living)?.theme).not.toBe('changed');
  });

  it('upsert merges into a live and creates a new one with defaults', () => {
    const { lives, clock } = setup();
    lives.upsert(SANDBOX_LIVES.living, { viewer_num: 9999 });
    expect(lives.get(SANDBOX_LIVES.living)).toMatchObject({ viewer_num: 9999, status: 1 });
    lives.upsert('lvBrandNew', { theme: '新直播', type: 4 });
    expect(lives.get('lvBrandNew')).toMatchObject({
      theme: '新直播',
      type: 4,
      status: 0,
      reserve_start: clock.now() / 1000 + 3600,
      push_stream_url: expect.stringContaining('lvBrandNew'),
    });
  });

  it('setStatus runs a live through start and end, stamping living_start and living_duration', () => {
    const { lives, clock } = setup();
    lives.setStatus(SANDBOX_LIVES.reservedTomorrow, 1);
    const started = lives.get(SANDBOX_LIVES.reservedTomorrow);
    expect(started).toMatchObject({ status: 1, living_start: clock.now() / 1000 });
    expect(started).not.toHaveProperty('push_stream_url');
    clock.advance(45 * 60_000);
    lives.setStatus(SANDBOX_LIVES.reservedTomorrow, 2, { open_replay: 1, replay_status: 0 });
    expect(lives.get(SANDBOX_LIVES.reservedTomorrow)).toMatchObject({
      status: 2,
      living_duration: 45 * 60,
      online_count: 0,
      open_replay: 1,
      replay_status: 0,
    });
  });

  it('drops replay_status when replay is switched off', () => {
    const { lives } = setup();
    lives.setStatus(SANDBOX_LIVES.endedReplayReady, 2, { open_replay: 0 });
    expect(lives.get(SANDBOX_LIVES.endedReplayReady)).not.toHaveProperty('replay_status');
  });

  it('setStatus refuses an unknown live and remove forgets one', () => {
    const { lives } = setup();
    expect(() => lives.setStatus('lvNope', 1)).toThrow('lvNope');
    lives.remove(SANDBOX_LIVES.expired);
    expect(lives.get(SANDBOX_LIVES.expired)).toBeUndefined();
  });
});
