import { useEffect, useMemo, useRef, useState } from 'react';
import { isCampaignTag } from '../../../shared/campaign-tag';
import { isLivingId } from '../../../shared/living-id';
import { aliasScene, decodeScene, type SceneTarget } from '../../../shared/mini-program-scene';
import { isApiError } from '../api/api-error';
import { resolveScene } from '../api/bff-api';
import { parseLivePageParams, type LivePageParams } from '../routes';
import { useServices } from '../services';
import { useLive } from './use-live';
import type { LivePageLive } from './use-live-page';

interface SceneTargetState extends LivePageParams {
  /** True while an alias is being looked up: the page shows its skeleton. */
  pending: boolean;
}

/** A failed lookup (not a 4xx) is tried again after these pauses, then the page says the live is not there. */
const RETRY_MS = [1000, 3000];

function decodeOnce(scene: string): string {
  try {
    return decodeURIComponent(scene);
  } catch {
    return '';
  }
}

/**
 * The mini program's live page: as for H5 (`?id=…`), and also opened from one of our mini program codes: WeChat
 * hands the code's `scene` to the page URL-encoded in its launch query (see {@link useSceneTarget}).
 */
export function useLivePage(params: Partial<Record<string, string | undefined>>, visible: boolean): LivePageLive {
  const parsed = useMemo(() => parseLivePageParams(params), [params]);
  const { pending, ...target } = useSceneTarget(parsed, params.scene);
  const { state, refresh } = useLive(pending ? undefined : target.livingId, { visible });
  // useLive hears of a resolved id in an effect: until then its state is still "no id, not found".
  const heard = useRef<string>();
  useEffect(() => {
    heard.current = target.livingId;
  }, [target.livingId]);
  const settling = target.livingId !== undefined && heard.current !== target.livingId;
  return { ...target, refresh, state: pending || settling ? { status: 'loading' } : state };
}

/**
 * The live page opened from one of our mini program codes: WeChat hands the code's `scene` to the page URL-encoded
 * in its launch query. A living id (`ID`, `ID.r` for the replay) is read as it is, without a request; an alias
 * (`!ALIAS`) is asked of the BFF (`GET /api/scenes/:scene`), the page showing its skeleton meanwhile, and then the
 * page behaves as for `?id=`. A scene that is neither, or an alias the BFF does not know, shows 直播不存在. An `id`
 * in the query wins over `scene`.
 */
function useSceneTarget(params: LivePageParams, scene?: string): SceneTargetState {
  const { http } = useServices();
  const decoded = useMemo(
    () => (params.livingId || !scene ? undefined : decodeScene(decodeOnce(scene))),
    [params.livingId, scene],
  );
  const [resolved, setResolved] = useState<{ alias: string; target: LivePageParams }>();

  useEffect(() => {
    if (decoded?.kind !== 'alias') return;
    const { alias } = decoded;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (attempt: number) => {
      resolveScene(http, aliasScene(alias)).then(
        (answer: Partial<SceneTarget> | undefined) => {
          if (cancelled) return;
          const { livingId = '', replay, from = '' } = answer ?? {};
          setResolved({
            alias,
            target: {
              livingId: isLivingId(livingId) ? livingId : undefined,
              replay: replay === true,
              from: isCampaignTag(from) ? from : undefined,
            },
          });
        },
        (err: unknown) => {
          if (cancelled) return;
          const delay = RETRY_MS[attempt];
          const refused = isApiError(err) && err.status >= 400 && err.status < 500;
          if (refused || delay === undefined) setResolved({ alias, target: { replay: false } });
          else timer = setTimeout(() => ask(attempt + 1), delay);
        },
      );
    };
    ask(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [http, decoded]);

  if (!decoded) return { ...params, pending: false };
  if (decoded.kind === 'direct') return { livingId: decoded.livingId, replay: decoded.replay, pending: false };
  if (resolved?.alias !== decoded.alias) return { replay: false, pending: true };
  return { ...resolved.target, pending: false };
}
