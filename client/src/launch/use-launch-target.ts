import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { CodePurpose } from '../../../shared/api';
import { LIVING_CODE_TTL_SECONDS } from '../../../shared/constants';
import { isApiError } from '../api/api-error';
import { retryDelay } from '../api/poll-schedule';
import { isDeferredTarget, type LaunchTargetAnswer, type TimedLaunchTarget } from './launch-target-answer';

const CODE_TTL_MS = LIVING_CODE_TTL_SECONDS * 1000;
/** A code is fetched again this long before it expires (the BFF hands out a new one after 4 of its 5 minutes). */
export const REFRESH_MARGIN_MS = 60_000;
/** A code this close to expiry is not handed to WeChat: it may expire while the mini program opens. */
export const USABLE_MARGIN_MS = 20_000;
/** The longest a code is kept before fetching again: a fresh code's lifetime minus the margin (4 minutes). */
export const REFRESH_AFTER_MS = CODE_TTL_MS - REFRESH_MARGIN_MS;
/** The longest a code is launched with after it arrived. */
export const USABLE_FOR_MS = CODE_TTL_MS - USABLE_MARGIN_MS;
/** Never ask in the background more often than this, whatever an answer says (no request loops on odd answers). */
export const MIN_REFRESH_MS = 5_000;
/**
 * Never wait longer than this before asking in the background again, whatever an answer says: a timer beyond 2³¹ ms
 * fires at once, which would turn an odd answer into a request loop.
 */
export const MAX_WAIT_MS = 60 * 60_000;
/** A fetch that failed for a passing reason is retried after this, doubled per failure in a row… */
export const RETRY_FIRST_MS = 2_000;
/** …up to this (or later, when the BFF's `Retry-After` says so). */
export const RETRY_MAX_MS = 30_000;

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

/** A background wait as an answer asked for it, kept between {@link MIN_REFRESH_MS} and {@link MAX_WAIT_MS}. */
export function backgroundWait(ms: number): number {
  return Math.min(Math.max(ms, MIN_REFRESH_MS), MAX_WAIT_MS);
}

/**
 * When to fetch again and until when to launch with a target that arrived at `fetchedAt`. The BFF's
 * `refreshInMs` is honoured as it is (it spends WeCom's budget for the page): when it is later than the code
 * lives, the code is dropped at `usableUntil` all the same, and the page waits with its normal button.
 */
export function targetTiming(target: TimedLaunchTarget, fetchedAt: number) {
  const validFor = Math.min(target.validForMs ?? CODE_TTL_MS, CODE_TTL_MS);
  const ownRefreshIn = Math.min(Math.max(validFor - REFRESH_MARGIN_MS, MIN_REFRESH_MS), REFRESH_AFTER_MS);
  const refreshIn = target.refreshInMs === undefined ? ownRefreshIn : backgroundWait(target.refreshInMs);
  return { refreshAt: fetchedAt + refreshIn, usableUntil: fetchedAt + validFor - USABLE_MARGIN_MS };
}

/**
 * - `idle`: nothing to fetch (no action, or the launcher cannot work here).
 * - `loading`: the viewer waits: the very first answer for this target, or the answer to a tap.
 * - `standby`: no usable code and no one waiting for one: the normal button, whose tap asks ({@link
 *   LaunchTargetState.prepareByTap}). A put-off or passingly failed background request leaves the page here.
 * - `ready`: a usable code is held.
 * - `error`: a failure the viewer sees: any failure of a tap's request (the fair line among them), or one a
 *   retry cannot fix.
 */
export type LaunchTargetPhase = 'idle' | 'loading' | 'standby' | 'ready' | 'error';

export interface LaunchTargetState {
  phase: LaunchTargetPhase;
  /** The fresh target while `phase` is `ready` (for rendering, e.g. the H5 open tag's attributes). */
  target?: TimedLaunchTarget;
  /** The target was fetched for a tap: the viewer is asked for one more tap to open it. */
  preparedByTap: boolean;
  error?: unknown;
  /** After an error: when the next fetch starts on its own (epoch ms); `undefined` when only a tap will. */
  retryAt?: number;
  /** The target if it is still fresh enough to launch with; otherwise asks for one as a tap and returns `undefined`. */
  take(): TimedLaunchTarget | undefined;
  /** The viewer tapped without a usable code (or after an error): ask now, as a `tap`. */
  prepareByTap(): void;
}

/** Asks for a launch target, saying why. */
export type FetchLaunchTarget = (purpose: CodePurpose) => Promise<LaunchTargetAnswer>;

interface Entry {
  source: FetchLaunchTarget;
  target: TimedLaunchTarget;
  byTap: boolean;
  refreshAt: number;
  usableUntil: number;
}

interface Status {
  source?: FetchLaunchTarget;
  /** Someone waits for this answer (see `loading` above); a background request with something to show does not. */
  loading: boolean;
  error?: unknown;
  retryAt?: number;
}

/**
 * Keeps a launch target (living code + where to open it) ready before the viewer taps, as far as WeCom's budget
 * allows: a `first` code as soon as the button shows, a `refresh` {@link REFRESH_MARGIN_MS} before it runs out (at
 * most every {@link REFRESH_AFTER_MS}), or when the BFF says (`refreshInMs`), while the page is visible. The BFF may
 * put a background request off (a reserved live far from its start, no headroom): the page then keeps its normal
 * button and asks again when told. A tap without a usable code asks as a `tap`, which the BFF serves first (or puts
 * in its fair line, whose retries are taps too); WeChat opens the mini program only inside a tap, so the caller
 * then asks for one more tap ({@link LaunchTargetState.preparedByTap}).
 *
 * A background request that fails for a passing reason is retried with back-off ({@link retryIn}) and shows
 * nothing; a held target is dropped the moment it stops being usable, so no expired code is ever offered.
 *
 * `fetchTarget` identifies the target: pass a memoized function per (live, replay, start); `undefined` disables
 * and drops what was held.
 */
export function useLaunchTarget(
  fetchTarget: FetchLaunchTarget | undefined,
  { visible = true }: { visible?: boolean } = {},
): LaunchTargetState {
  const entry = useRef<Entry>();
  const [status, setStatus] = useState<Status>({ loading: false });
  /** When the next background request is due (kept while the page is hidden, so showing it asks no earlier). */
  const due = useRef<{ source: FetchLaunchTarget; at: number }>();
  /** The viewer tapped and no target came yet: the next request (and its retries in line) is a `tap`. */
  const tapFor = useRef<FetchLaunchTarget>();
  /** A request under way: a tap during a background one waits for its answer rather than asking twice. */
  const inFlight = useRef<FetchLaunchTarget>();
  const [nonce, setNonce] = useState(0);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    if (!fetchTarget) {
      // A live that cannot be watched any more (cancelled, ended): what was prepared for it goes.
      entry.current = undefined;
      tapFor.current = undefined;
      return;
    }
    if (!visible) {
      // Only a tap on a showing page asks as one: back on the page, the viewer taps again if they still want in.
      tapFor.current = undefined;
      return;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let expiryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const usableEntry = () => {
      const current = entry.current;
      return current?.source === fetchTarget && Date.now() < current.usableUntil ? current : undefined;
    };
    const schedule = (delay: number) => {
      due.current = { source: fetchTarget, at: Date.now() + delay };
      timer = setTimeout(run, delay);
    };
    // Nothing else renders when a target runs out while its refresh is put off, failing or slow: drop it then, so
    // the H5 open tag is taken down and the button no longer looks ready.
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
      const purpose: CodePurpose = tapFor.current === fetchTarget ? 'tap' : usableEntry() ? 'refresh' : 'first';
      // A background request shows nothing new once something was shown (a code, or the normal button).
      setStatus((previous) =>
        purpose !== 'tap' && previous.source === fetchTarget && !previous.loading && previous.error === undefined
          ? previous
          : { source: fetchTarget, loading: true },
      );
      const tappedMeanwhile = () => purpose !== 'tap' && tapFor.current === fetchTarget;
      inFlight.current = fetchTarget;
      try {
        const answer = await fetchTarget(purpose);
        if (cancelled) return;
        inFlight.current = undefined;
        failures = 0;
        if (isDeferredTarget(answer)) {
          // The viewer tapped while this background request ran: now they ask, as a tap.
          if (tappedMeanwhile()) return void run();
          // Kept, if one is held, until it is no longer usable; the normal button meanwhile. (A tap is not put off;
          // were it, the next request would not be one: nobody tapped for it.)
          tapFor.current = undefined;
          setStatus({ source: fetchTarget, loading: false });
          schedule(backgroundWait(answer.retryInMs));
          return;
        }
        const byTap = tapFor.current === fetchTarget;
        tapFor.current = undefined;
        const timing = targetTiming(answer, Date.now());
        entry.current = { source: fetchTarget, target: answer, byTap, ...timing };
        setStatus({ source: fetchTarget, loading: false });
        dropWhenUnusable();
        schedule(Math.max(0, timing.refreshAt - Date.now()));
      } catch (error) {
        if (cancelled) return;
        inFlight.current = undefined;
        if (tappedMeanwhile() && isPassingFailure(error)) {
          failures = 0;
          return void run();
        }
        failures += 1;
        const delay = retryIn(error, failures);
        if (purpose !== 'tap' && isPassingFailure(error) && delay !== undefined) {
          // Nobody waits for this one: no error and no line, the page stays as it is and tries again later.
          setStatus({ source: fetchTarget, loading: false });
          schedule(delay);
          return;
        }
        const retryAt = delay === undefined ? undefined : Date.now() + delay;
        setStatus({ source: fetchTarget, loading: false, error, retryAt });
        if (delay !== undefined) return schedule(delay);
        // Nothing asks again on its own: the viewer's next tap does, or the page shown again (in the background).
        due.current = undefined;
        tapFor.current = undefined;
      }
    };
    const next = due.current;
    const waitFor = tapFor.current === fetchTarget || next?.source !== fetchTarget ? 0 : next.at - Date.now();
    dropWhenUnusable();
    if (waitFor <= 0) void run();
    else timer = setTimeout(run, waitFor);
    return () => {
      cancelled = true;
      if (inFlight.current === fetchTarget) inFlight.current = undefined;
      clearTimeout(timer);
      clearTimeout(expiryTimer);
    };
  }, [fetchTarget, visible, nonce]);

  const prepareByTap = useCallback(() => {
    if (!fetchTarget) return;
    entry.current = undefined;
    tapFor.current = fetchTarget;
    if (inFlight.current === fetchTarget) setStatus({ source: fetchTarget, loading: true });
    else setNonce((n) => n + 1);
  }, [fetchTarget]);

  const fresh = useCallback(() => {
    const current = entry.current;
    const usable = current && current.source === fetchTarget && Date.now() < current.usableUntil;
    return usable ? current : undefined;
  }, [fetchTarget]);

  const take = useCallback(() => {
    const current = fresh();
    if (!current) prepareByTap();
    return current?.target;
  }, [fresh, prepareByTap]);

  const held = fetchTarget ? fresh() : undefined;
  const ownStatus: Status = status.source === fetchTarget ? status : { loading: true };
  const phase: LaunchTargetPhase = !fetchTarget
    ? 'idle'
    : held
      ? 'ready'
      : ownStatus.error !== undefined
        ? 'error'
        : ownStatus.loading
          ? 'loading'
          : 'standby';
  return {
    phase,
    target: held?.target,
    preparedByTap: held?.byTap ?? false,
    error: held ? undefined : ownStatus.error,
    retryAt: held ? undefined : ownStatus.retryAt,
    take,
    prepareByTap,
  };
}
