import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveCard } from '../../../shared/live-card';
import { useLivePush } from './use-live-push';
import { useServices } from '../services';
import { takeFirstLives, type FirstLives } from '../api/first-screen';

export type LivesState =
  { status: 'loading' } | { status: 'ready'; lives: LiveCard[] } | { status: 'error'; error: unknown };

export interface UseLives {
  state: LivesState;
  /** Loads again; a list already shown stays on screen while it does (and if it fails). */
  reload(): Promise<void>;
  /** When the list was last loaded (ms since epoch), 0 before. */
  loadedAt(): number;
}

/**
 * The featured lives for the home page, in the server's order. While `visible`, each card on screen is replaced by
 * the card frames the push socket brings for it (status, replay, counts), without a reload. On H5 the list may come
 * with the page (the BFF's first screen): then it is not asked for again.
 */
export function useLives({ visible = true }: { visible?: boolean } = {}): UseLives {
  const { api } = useServices();
  // H5: the list the BFF drew into the page (`first-screen.h5.ts`) is the first render's, asked for by nobody.
  const drawn = useRef<FirstLives | undefined | null>(null);
  if (drawn.current === null) drawn.current = takeFirstLives();
  const [state, setState] = useState<LivesState>(() =>
    drawn.current ? { status: 'ready', lives: drawn.current.lives } : { status: 'loading' },
  );
  const loaded = useRef(drawn.current?.drawnAt ?? 0);
  const mounted = useRef(true);

  const reload = useCallback(async () => {
    try {
      const lives = await api.listLives();
      loaded.current = Date.now();
      if (mounted.current) setState({ status: 'ready', lives });
    } catch (error) {
      if (mounted.current) setState((prev) => (prev.status === 'ready' ? prev : { status: 'error', error }));
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    if (drawn.current) drawn.current = undefined;
    else void reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);

  const onCard = useCallback((card: LiveCard) => {
    setState((prev) =>
      prev.status === 'ready' && prev.lives.some((live) => live.livingId === card.livingId)
        ? { status: 'ready', lives: prev.lives.map((live) => (live.livingId === card.livingId ? card : live)) }
        : prev,
    );
  }, []);
  useLivePush(visible && state.status === 'ready' ? state.lives.map((live) => live.livingId) : [], onCard);

  return { state, reload, loadedAt: useCallback(() => loaded.current, []) };
}
