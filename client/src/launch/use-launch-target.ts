import { useCallback, useEffect, useRef, useState } from 'react';
import type { LaunchTarget } from '../../../shared/api';
import { LIVING_CODE_TTL_SECONDS } from '../../../shared/constants';

/** A living code is fetched again after this long, before WeCom's five minutes run out. */
export const REFRESH_AFTER_MS = 4 * 60 * 1000;
/** A code older than this is not handed to WeChat: it may expire while the mini program opens. */
export const USABLE_FOR_MS = LIVING_CODE_TTL_SECONDS * 1000 - 20_000;

export type LaunchTargetPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface LaunchTargetState {
  phase: LaunchTargetPhase;
  /** The fresh target while `phase` is `ready` (for rendering, e.g. the H5 open tag's attributes). */
  target?: LaunchTarget;
  error?: unknown;
  /** The target if it is still fresh enough to launch with; otherwise starts a refresh and returns `undefined`. */
  take(): LaunchTarget | undefined;
  /** Fetch again now (after an error, or when the caller knows the code is bad). */
  refresh(): void;
}

interface Entry {
  source: () => Promise<LaunchTarget>;
  target: LaunchTarget;
  fetchedAt: number;
}

/**
 * Keeps a launch target (living code + where to open it) ready before the viewer taps: fetched as soon as the
 * button shows, refreshed every {@link REFRESH_AFTER_MS} while the page is visible. The tap itself then only has
 * to open the mini program, which WeChat requires to happen synchronously inside the tap.
 *
 * `fetchTarget` identifies the target: pass a memoized function per (live, replay); `undefined` disables.
 */
export function useLaunchTarget(
  fetchTarget: (() => Promise<LaunchTarget>) | undefined,
  { visible = true }: { visible?: boolean } = {},
): LaunchTargetState {
  const entry = useRef<Entry>();
  const [status, setStatus] = useState<{ source?: unknown; loading: boolean; error?: unknown }>({ loading: false });
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (!fetchTarget || !visible) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      setStatus({ source: fetchTarget, loading: true });
      try {
        const target = await fetchTarget();
        if (cancelled) return;
        entry.current = { source: fetchTarget, target, fetchedAt: Date.now() };
        setStatus({ source: fetchTarget, loading: false });
        timer = setTimeout(run, REFRESH_AFTER_MS);
      } catch (error) {
        if (!cancelled) setStatus({ source: fetchTarget, loading: false, error });
      }
    };
    const current = entry.current;
    const age = current?.source === fetchTarget ? Date.now() - current.fetchedAt : Infinity;
    if (age >= REFRESH_AFTER_MS) void run();
    else timer = setTimeout(run, REFRESH_AFTER_MS - age);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [fetchTarget, visible, nonce]);

  const refresh = useCallback(() => {
    entry.current = undefined;
    setNonce((n) => n + 1);
  }, []);

  const fresh = useCallback(() => {
    const current = entry.current;
    const usable = current && current.source === fetchTarget && Date.now() - current.fetchedAt < USABLE_FOR_MS;
    return usable ? current.target : undefined;
  }, [fetchTarget]);

  const take = useCallback(() => {
    const target = fresh();
    if (!target) refresh();
    return target;
  }, [fresh, refresh]);

  const target = fetchTarget ? fresh() : undefined;
  const hasTarget = target !== undefined;
  const ownStatus = status.source === fetchTarget ? status : { loading: true, error: undefined };
  const phase: LaunchTargetPhase = !fetchTarget
    ? 'idle'
    : hasTarget
      ? 'ready'
      : ownStatus.error !== undefined
        ? 'error'
        : 'loading';
  return { phase, target, error: hasTarget ? undefined : ownStatus.error, take, refresh };
}
