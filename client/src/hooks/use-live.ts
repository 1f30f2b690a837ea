import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveCard } from '../../../shared/live-card';
import { isApiError } from '../api/api-error';
import { useServices } from '../services';
import { pollDelay, retryDelay } from './poll-schedule';

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

/**
 * One live, kept fresh while `visible`: polled with `If-None-Match` (a 304 costs nothing), fast while it is living
 * or about to start, honouring `Retry-After`. Polling stops while the page is hidden and resumes with a fetch.
 * A first load that fails shows an error (and waits for `refresh`); later failures keep the last card.
 */
export function useLive(livingId: string | undefined, { visible }: { visible: boolean }): UseLive {
  const { api } = useServices();
  const [state, setState] = useState<LiveState>(livingId ? { status: 'loading' } : { status: 'not-found' });
  const [nonce, setNonce] = useState(0);
  const cache = useRef<{ livingId: string; live: LiveCard; etag?: string }>();

  useEffect(() => {
    if (!livingId) {
      setState({ status: 'not-found' });
      return;
    }
    if (!visible) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const tick = async () => {
      const known = cache.current?.livingId === livingId ? cache.current : undefined;
      let next: number;
      try {
        const res = await api.getLive(livingId, known?.etag);
        if (cancelled) return;
        failures = 0;
        if (res.changed) {
          cache.current = { livingId, live: res.live, etag: res.etag };
          setState({ status: 'ready', live: res.live });
        }
        next = pollDelay(cache.current?.live ?? { status: 'ended', startsAt: '' }, Date.now());
      } catch (error) {
        if (cancelled) return;
        if (isApiError(error, 'LIVE_NOT_FOUND', 'INVALID_LIVING_ID')) {
          cache.current = undefined;
          setState({ status: 'not-found' });
          return;
        }
        if (!known) {
          setState({ status: 'error', error });
          return;
        }
        failures += 1;
        next = retryDelay(error, failures, pollDelay(known.live, Date.now()));
      }
      timer = setTimeout(tick, next);
    };

    if (cache.current?.livingId !== livingId) setState({ status: 'loading' });
    void tick();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, livingId, visible, nonce]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  return { state, refresh };
}
