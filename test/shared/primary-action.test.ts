import type { LiveStatus, ReplayState } from '../../shared/live-card';
import { primaryAction } from '../../shared/primary-action';
import { watchAccess } from '../../shared/watch-access';

const REPLAYS: ReplayState[] = ['none', 'ready', 'generating', 'deleted', 'failed'];

describe('primaryAction', () => {
  it.each([
    ['reserved', 'none', '进入直播间', true],
    ['living', 'none', '进入直播', true],
    ['ended', 'ready', '观看回放', true],
    ['ended', 'generating', '回放生成中', false],
    ['ended', 'deleted', '回放已删除', false],
    ['ended', 'failed', '回放不可用', false],
    ['ended', 'none', '直播已结束', false],
    ['expired', 'none', '直播已过期', false],
    ['cancelled', 'none', '直播已取消', false],
  ] as const)('%s with replay %s → %s (enabled: %p)', (status, replay, label, enabled) => {
    const action = primaryAction({ status, replay });
    expect(action.label).toBe(label);
    expect(action.enabled).toBe(enabled);
    if (!action.enabled) expect(action.hint.length).toBeGreaterThan(0);
  });

  it('agrees with watchAccess for every status and replay state', () => {
    for (const status of ['reserved', 'living', 'ended', 'expired', 'cancelled'] as LiveStatus[]) {
      for (const replay of REPLAYS) {
        const access = watchAccess({ status, replay });
        const action = primaryAction({ status, replay });
        expect(action.enabled).toBe(access.watchable);
        if (access.watchable && action.enabled) expect(action.replay).toBe(access.replay);
      }
    }
  });

  it('refuses a replay of a live that has not ended', () => {
    expect(watchAccess({ status: 'living', replay: 'none' }, true)).toEqual({
      watchable: false,
      reason: 'replay_not_available',
    });
    expect(watchAccess({ status: 'ended', replay: 'ready' }, true)).toEqual({ watchable: true, replay: true });
  });
});
