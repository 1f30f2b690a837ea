import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveCard } from '../../../shared/live-card';
import { isApiError } from '../api/api-error';
import { takeFirstLive, type FirstLive } from '../api/first-screen';
import { useLivePush } from './use-live-push';
import { useServices } from '../services';
import { pollDelay, PUSHED_POLL_MS, retryDelay } from '../api/poll-schedule';

export type LiveState =
  | { status: 'loading' }
  | { status: 'ready'; live: LiveCard }
  | { status: 'not-found' }
  | { status: 'error'; error: unknown };

export interface UseLive {
  state: LiveState;
  /** Fetch now (after an error, or when the code endpoint said the live changed). */
  refresh(): void;
}

const NOTHING_ON_SCREEN = { status: 'ended', startsAt: '' } as const;

/**
 * One live, kept fresh while `visible`. Card frames from the app's push socket replace it as soon as the live
 * changes; polling with `If-None-Match` (a 304 costs nothing) is the safety net: every minute while the socket is
 * connected, otherwise as `pollDelay()` says (fast while living or about to start), honouring `Retry-After`. After
 * a reconnect the server's post-subscribe card frame brings the card up to date, so no extra fetch is made.
 * Polling stops while the page is hidden and resumes with a fetch. A first load that fails shows an error (and
 * waits for `refresh`, or a card frame); later failures keep the last card. On H5 the first card may come with the
 * page (the BFF's first screen): then nothing is asked until the first poll is due.
 */
export function useLive(livingId: string | undefined, { visible }: { visible: boolean }): UseLive {
  const { api } = useServices();
  // H5: the card the BFF drew into the page (`first-screen.h5.ts`) is the first render's, asked for by nobody.
  const drawn = useRef<FirstLive | undefined | null>(null);
  if (drawn.current === null) drawn.current = livingId ? takeFirstLive(livingId) : undefined;
  const [state, setState] = useState<LiveState>(() =>
    drawn.current
      ? { status: 'ready', live: drawn.current.live }
      : livingId
        ? { status: 'loading' }
        : { status: 'not-found' },
  );
  const [nonce, setNonce] = useState(0);
  const cache = useRef<{ livingId: string; live: LiveCard; etag?: string } | undefined>(
    drawn.current && { livingId: drawn.current.live.livingId, live: drawn.current.live, etag: drawn.current.etag },
  );
  const poller = useRef<{ reschedule(): void; pushed(): void }>();

  const onCard = useCallback(
    (live: LiveCard) => {
      if (!livingId || live.livingId !== livingId) return;
      // The ETag stays the one of the last poll: if the pushed card is newer, the next poll gets it in full.
      const etag = cache.current?.livingId === livingId ? cache.current.etag : undefined;
      cache.current = { livingId, live, etag };
      setState({ status: 'ready', live });
      poller.current?.pushed();
    },
    [livingId],
  );
  const connected = useLivePush(livingId && visible ? [livingId] : [], onCard);
  const connectedNow = useRef(connected);
  connectedNow.current = connected;

  useEffect(() => {
    if (!livingId) {
      setState({ status: 'not-found' });
      return;
    }
    if (!visible) return;
    let cancelled = false;
    let stopped = false;
    let inFlight = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let lastError: unknown;
    /** When the card on screen was last known to be current (a poll answered, or a card frame arrived). */
    let settledAt = 0;
    let pushes = 0;

    const normalDelay = () =>
      connectedNow.current ? PUSHED_POLL_MS : pollDelay(cache.current?.live ?? NOTHING_ON_SCREEN, Date.now());
    const schedule = () => {
      clearTimeout(timer);
      if (cancelled || stopped || inFlight) return;
      const delay = failures > 0 ? retryDelay(lastError, failures, normalDelay()) : normalDelay();
      timer = setTimeout(tick, Math.max(0, settledAt + delay - Date.now()));
    };

    // Promise callbacks rather than async/await: no transpiled generator in the live page's first load.
    const tick = () => {
      const known = cache.current?.livingId === livingId ? cache.current : undefined;
      const pushesBefore = pushes;
      inFlight = true;
      const settle = () => {
        inFlight = false;
        settledAt = Date.now();
        schedule();
      };
      api.getLive(livingId, known?.etag).then(
        (res) => {
          if (cancelled) return;
          failures = 0;
          if (res.changed && pushes !== pushesBefore && cache.current) {
            // A card frame came while this poll was under way: it is at least as new as the answer.
            cache.current = { ...cache.current, etag: res.etag };
          } else if (res.changed) {
            cache.current = { livingId, live: res.live, etag: res.etag };
            setState({ status: 'ready', live: res.live });
          }
          settle();
        },
        (error: unknown) => {
          if (cancelled) return;
          if (isApiError(error, 'LIVE_NOT_FOUND', 'INVALID_LIVING_ID')) {
            cache.current = undefined;
            setState({ status: 'not-found' });
            stopped = true;
          } else if (cache.current?.livingId !== livingId) {
            setState({ status: 'error', error });
            stopped = true;
          } else {
            failures += 1;
            lastError = error;
          }
          settle();
        },
      );
    };

    poller.current = {
      reschedule: schedule,
      pushed() {
        stopped = false;
        pushes += 1;
        settledAt = Date.now();
        schedule();
      },
    };
    const first = drawn.current;
    drawn.current = undefined;
    if (first && cache.current?.livingId === livingId) {
      // Current when the page was asked for: the first poll is due a normal delay after that.
      settledAt = first.drawnAt;
      schedule();
    } else {
      if (cache.current?.livingId !== livingId) setState({ status: 'loading' });
      tick();
    }
    return () => {
      cancelled = true;
      poller.current = undefined;
      clearTimeout(timer);
    };
  }, [api, livingId, visible, nonce]);

  // Connected: the next poll moves a minute after the last news; dropped: back to the normal pace at once.
  useEffect(() => poller.current?.reschedule(), [connected]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  return { state, refresh };
}
