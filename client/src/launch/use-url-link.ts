import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../services';

/**
 * The URL Link of a live for this page: `loading` while the BFF is asked, `ready` with the link, `none` when the BFF
 * has none to offer (`urlLink: null`: quota, WeChat refused) or could not be asked (any error).
 */
export type UrlLinkState = { phase: 'loading' } | { phase: 'ready'; url: string } | { phase: 'none' };

export interface UrlLinkOptions {
  replay: boolean;
  /** The page's campaign tag: the link carries it, so the mini program counts the view under it. */
  from?: string;
}

export interface UseUrlLink {
  state: UrlLinkState;
  /** The link once the BFF answered (`undefined`: none); settles at once when it already has. */
  settled: () => Promise<string | undefined>;
}

/** Asks `GET /api/lives/:id/url-link` once per live, replay flag and tag. */
export function useUrlLink(livingId: string, { replay, from }: UrlLinkOptions): UseUrlLink {
  const { api } = useServices();
  const key = `${livingId}|${replay ? 1 : 0}|${from ?? ''}`;
  const [answer, setAnswer] = useState<{ key: string; state: UrlLinkState }>({ key, state: { phase: 'loading' } });
  const pending = useRef<{ key: string; promise: Promise<string | undefined> }>();

  useEffect(() => {
    let cancelled = false;
    const promise = api.urlLink(livingId, { replay, from }).then(
      // Only a web address is followed (`https://wxaurl.cn/…`, the sandbox's own), never a `javascript:` one.
      (res) => (typeof res?.urlLink === 'string' && /^https?:\/\//.test(res.urlLink) ? res.urlLink : undefined),
      () => undefined,
    );
    pending.current = { key, promise };
    void promise.then((url) => {
      if (!cancelled) setAnswer({ key, state: url ? { phase: 'ready', url } : { phase: 'none' } });
    });
    return () => {
      cancelled = true;
    };
  }, [api, key, livingId, replay, from]);

  const settled = useCallback(
    () => (pending.current?.key === key ? pending.current.promise : Promise.resolve(undefined)),
    [key],
  );
  return { state: answer.key === key ? answer.state : { phase: 'loading' }, settled };
}
