import { useCallback, useEffect, useRef, useState } from 'react';

export type RequestState<T> =
  { status: 'loading'; data?: T } | { status: 'ok'; data: T } | { status: 'error'; error: unknown; data?: T };

/**
 * Runs `load` when the page opens and whenever `key` changes; `reload` runs it again and keeps the last data on
 * screen meanwhile (a refresh does not blank the charts). An answer that arrives after a newer request started is
 * dropped, so a slow first answer never overwrites a newer one.
 */
export function useRequest<T>(load: () => Promise<T>, key: string): RequestState<T> & { reload: () => void } {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    const id = ++latest.current;
    setState((previous) => ({ status: 'loading', data: previous.data }));
    loadRef.current().then(
      (data) => id === latest.current && setState({ status: 'ok', data }),
      (error: unknown) =>
        id === latest.current && setState((previous) => ({ status: 'error', error, data: previous.data })),
    );
  }, []);

  useEffect(() => {
    setState({ status: 'loading' });
    run();
    return () => {
      latest.current++;
    };
  }, [key, run]);

  return { ...state, reload: run };
}
