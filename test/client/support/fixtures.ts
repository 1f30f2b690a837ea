import type { LaunchTarget, LivingCodeResponse } from '../../../shared/api';
import type { LiveCard } from '../../../shared/live-card';
import { buildWatchPath } from '../../../shared/watch-path';
import { WECOM_LIVE_APP_ID, WECOM_LIVE_USERNAME } from '../../../shared/constants';

export function aLive(overrides: Partial<LiveCard> = {}): LiveCard {
  return {
    livingId: 'lv_abc123',
    theme: '产品发布会',
    description: '新品首发，现场答疑。',
    status: 'reserved',
    type: 'event',
    anchorUserId: 'zhangsan',
    startsAt: new Date(2025, 10, 28, 19, 30).toISOString(),
    durationSeconds: 5400,
    viewerCount: 0,
    onlineCount: 0,
    commentCount: 0,
    subscribeCount: 12,
    replay: 'none',
    stale: false,
    ...overrides,
  };
}

export function aLaunch(livingCode: string, replay = false): LaunchTarget {
  return { appId: WECOM_LIVE_APP_ID, username: WECOM_LIVE_USERNAME, path: buildWatchPath(livingCode, { replay }) };
}

export function aCodeResponse(livingCode: string, replay = false): LivingCodeResponse {
  return { livingCode, expiresAt: new Date(Date.now() + 300_000).toISOString(), launch: aLaunch(livingCode, replay) };
}
