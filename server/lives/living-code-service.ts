import type { LivingCodeResponse } from '../../shared/api';
import { LIVING_CODE_TTL_SECONDS, WECOM_LIVE_APP_ID, WECOM_LIVE_USERNAME } from '../../shared/constants';
import { watchAccess } from '../../shared/watch-access';
import { buildWatchPath } from '../../shared/watch-path';
import { AppError } from '../errors/app-error';
import { viewerKey, type Viewer } from '../sign-in/viewer';
import type { Store } from '../store/store';
import type { LivingReadApi } from '../wecom/living-read-api';
import type { CardCaller, LiveCardService } from './live-card-service';

export interface LivingCodeServiceOptions {
  livingApi: LivingReadApi;
  cards: LiveCardService;
  store: Store;
  now?: () => number;
  /** A code is handed out again until this long after WeCom issued it (it is valid for five minutes). */
  reuseMs?: number;
  watchPathHtmlSuffix?: boolean;
}

interface IssuedCode {
  code: string;
  issuedAt: number;
}

/**
 * A viewer's `living_code` for one live and the launch target built from it. Repeated taps within the reuse
 * window cost no WeCom call; a viewer only ever gets a code for their own openid (from the session).
 */
export function createLivingCodeService({
  livingApi,
  cards,
  store,
  now = Date.now,
  reuseMs = 4 * 60_000,
  watchPathHtmlSuffix = false,
}: LivingCodeServiceOptions) {
  const validityMs = LIVING_CODE_TTL_SECONDS * 1000;

  const codeKey = (viewer: Viewer, livingId: string) => `living-code:${viewerKey(viewer)}:${livingId}`;

  return {
    /** `caller` is who asked (its address): the card of a live nobody knows is looked up in the capped lane. */
    async issue(
      viewer: Viewer,
      livingId: string,
      replayAsked: boolean,
      caller?: CardCaller,
    ): Promise<LivingCodeResponse> {
      const card = await cards.get(livingId, caller);
      const access = watchAccess(card, replayAsked);
      if (!access.watchable) {
        throw new AppError('LIVE_NOT_WATCHABLE', `This live cannot be watched now (${access.reason})`, {
          reason: access.reason,
        });
      }
      const key = codeKey(viewer, livingId);
      const usable = (c: IssuedCode | undefined): c is IssuedCode => !!c && now() - c.issuedAt < reuseMs;
      let issued = await store.get<IssuedCode>(key);
      if (!usable(issued)) {
        issued = await store.singleFlight(key, async () => {
          const again = await store.get<IssuedCode>(key);
          if (usable(again)) return again;
          const code = await livingApi.getLivingCode(livingId, viewer.openid, viewerKey(viewer));
          const fresh: IssuedCode = { code, issuedAt: now() };
          // Kept while it is valid, not only while it is reused: an open reported later still finds it (`held`).
          await store.set(key, fresh, validityMs);
          return fresh;
        });
      }
      return {
        livingCode: issued.code,
        expiresAt: new Date(issued.issuedAt + validityMs).toISOString(),
        launch: {
          appId: WECOM_LIVE_APP_ID,
          username: WECOM_LIVE_USERNAME,
          path: buildWatchPath(issued.code, { replay: access.replay, htmlSuffix: watchPathHtmlSuffix }),
        },
      };
    },

    /** The code `viewer` was last given for a live, while it still works; nothing is asked of WeCom. */
    async held(viewer: Viewer, livingId: string): Promise<string | undefined> {
      const issued = await store.get<IssuedCode>(codeKey(viewer, livingId));
      return issued && now() - issued.issuedAt < validityMs ? issued.code : undefined;
    },
  };
}

export type LivingCodeService = ReturnType<typeof createLivingCodeService>;
