import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { LaunchTarget } from '../../../shared/api';
import { LIVING_CODE_TTL_SECONDS } from '../../../shared/constants';
import { isApiError } from '../api/api-error';
import { retryDelay } from '../api/poll-schedule';

const CODE_TTL_MS = LIVING_CODE_TTL_SECONDS * 1000;
/** A code is fetched again this long before it expires (the BFF hands out a new one after 4 of its 5 minutes). */
export const REFRESH_MARGIN_MS = 60_000;
/** A code this close to expiry is not handed to WeChat: it may expire while the mini program opens. */
export const USABLE_MARGIN_MS = 20_000;
/** The longest a code is kept before fetching again: a fresh code's lifetime minus the margin (4 minutes). */
export const REFRESH_AFTER_MS = CODE_TTL_MS - REFRESH_MARGIN_MS;
/** The longest a code is launched with after it arrived. */
export const USABLE_FOR_MS = CODE_TTL_MS - USABLE_MARGIN_MS;
/** Never refresh more often than this, whatever a target says (no request loops on odd answers). */
export const MIN_REFRESH_MS = 5_000;
/** A fetch that failed for a passing reason is retried after this, doubled per failure in a row… */
export const RETRY_FIRST_MS = 2_000;
/** …up to this (or later, when the BFF's `Retry-After` says so). */
export const RETRY_MAX_MS = 30_000;

/** A launch target, with how long its living code stays valid from when it arrived (when the source knows). */
export interface TimedLaunchTarget extends LaunchTarget {
  /** Unknown: assume a fresh code (five minutes). A code the BFF reused arrives with less. */
  validForMs?: number;
}

/**
 * Whether trying again later may help: no answer, or the BFF (or WeCom behind it) busy or failing. A refused
 * session, a live that cannot be watched or an unusable JS-SDK stay so; the viewer's own retry is offered instead.
 */
export function isPassingFailure(error: unknown): boolean {
  return isApiError(error) && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/**
 * How long to wait before fetching again after the `failures`-th failure in a row; `undefined`: not on its own. A
 * viewer waiting in line comes back exactly when told: later would give up the place, earlier costs a request.
 */
export function retryIn(error: unknown, failures: number): number | undefined {
  if (isApiError(error, 'UPSTREAM_BUSY') && error.retryAfterSeconds !== undefined) {
    return Math.max(1000, error.retryAfterSeconds * 1000);
  }
  return isPassingFailure(error) ? retryDelay(error, failures, RETRY_FIRST_MS, RETRY_MAX_MS) : undefined;
}

/** When to fetch again and until when to launch with a target that arrived at `fetchedAt`. */
export function targetTiming(target: TimedLaunchTarget, fetchedAt: number) {
  const validFor = Math.min(target.validForMs ?? CODE_TTL_MS, CODE_TTL_MS);
  const refreshIn = Math.min(Math.max(validFor - REFRESH_MARGIN_MS, MIN_REFRESH_MS), REFRESH_AFTER_MS);
  return { refreshAt: fetchedAt + refreshIn, usableUntil: fetchedAt + validFor - USABLE_MARGIN_MS };
}

export type LaunchTargetPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface LaunchTargetState {
  phase: LaunchTargetPhase;
  /** The fresh target while `phase` is `ready` (for rendering, e.g. the H5 open tag's attributes). */
  target?: TimedLaunchTarget;
  error?: unknown;
  /** After an error: when the next fetch starts on its own (epoch ms); `undefined` when only `refresh` will. */
  retryAt?: number;
  /** The target if it is still fresh enough to launch with; otherwise starts a refresh and returns `undefined`. */
  take(): TimedLaunchTarget | undefined;
  /** Fetch again now (after an error, or when the caller knows the code is bad). */
  refresh(): void;
}

interface Entry {
  source: () => Promise<TimedLaunchTarget>;
  target: TimedLaunchTarget;
  refreshAt: number;
  usableUntil: number;
}

/**
 * Keeps a launch target (living code + where to open it) ready before the viewer taps: fetched as soon as the
 * button shows, refreshed {@link REFRESH_MARGIN_MS} before its code expires (at most every
 * {@link REFRESH_AFTER_MS}) while the page is visible. The tap itself then only has to open the mini program, which
 * WeChat requires to happen synchronously inside the tap; the H5 open tag always holds a code that works.
 *
 * A fetch that fails for a passing reason is retried with back-off ({@link retryIn}); and when refreshing keeps
 * failing, the old target is dropped the moment it stops being usable, so no expired code is ever offered.
 *
 * `fetchTarget` identifies the target: pass a memoized function per (live, replay); `undefined` disables.
 */
export function useLaunchTarget(
  fetchTarget: (() => Promise<TimedLaunchTarget>) | undefined,
  { visible = true }: { visible?: boolean } = {},
): LaunchTargetState {
  const entry = useRef<Entry>();
  const [status, setStatus] = useState<{ source?: unknown; loading: boolean; error?: unknown; retryAt?: number }>({
    loading: false,
  });
  const [nonce, setNonce] = useState(0);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    if (!fetchTarget || !visible) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let expiryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    // Nothing else renders when a target runs out while its refresh is failing (or slow): drop it then, so the
    // H5 open tag is taken down and the button no longer looks ready.
    const dropWhenUnusable = () => {
      const current = entry.current;
      clearTimeout(expiryTimer);
      if (current?.source !== fetchTarget) return;
      expiryTimer = setTimeout(() => {
        if (entry.current === current) entry.current = undefined;
        rerender();
      }, current.usableUntil - Date.now());
    };
    const run = async () => {
      setStatus({ source: fetchTarget, loading: true });
      try {
        const target = await fetchTarget();
        if (cancelled) return;
        failures = 0;
        const timing = targetTiming(target, Date.now());
        entry.current = { source: fetchTarget, target, ...timing };
        setStatus({ source: fetchTarget, loading: false });
        dropWhenUnusable();
        timer = setTimeout(run, timing.refreshAt - Date.now());
      } catch (error) {
        if (cancelled) return;
        failures += 1;
        const delay = retryIn(error, failures);
        const retryAt = delay === undefined ? undefined : Date.now() + delay;
        setStatus({ source: fetchTarget, loading: false, error, retryAt });
        if (delay !== undefined) timer = setTimeout(run, delay);
      }
    };
    const current = entry.current;
    const refreshIn = current?.source === fetchTarget ? current.refreshAt - Date.now() : 0;
    dropWhenUnusable();
    if (refreshIn <= 0) void run();
    else timer = setTimeout(run, refreshIn);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearTimeout(expiryTimer);
    };
  }, [fetchTarget, visible, nonce]);

  const refresh = useCallback(() => {
    entry.current = undefined;
    setNonce((n) => n + 1);
  }, []);

  const fresh = useCallback(() => {
    const current = entry.current;
    const usable = current && current.source === fetchTarget && Date.now() < current.usableUntil;
    return usable ? current.target : undefined;
  }, [fetchTarget]);

  const take = useCallback(() => {
    const target = fresh();
    if (!target) refresh();
    return target;
  }, [fresh, refresh]);

  const target = fetchTarget ? fresh() : undefined;
  const hasTarget = target !== undefined;
  const ownStatus = status.source === fetchTarget ? status : { loading: true, error: undefined, retryAt: undefined };
  const phase: LaunchTargetPhase = !fetchTarget
    ? 'idle'
    : hasTarget
      ? 'ready'
      : ownStatus.error !== undefined
        ? 'error'
        : 'loading';
  return {
    phase,
    target,
    error: hasTarget ? undefined : ownStatus.error,
    retryAt: hasTarget ? undefined : ownStatus.retryAt,
    take,
    refresh,
  };
}
