import { useEffect, useRef, useState } from 'react';
import type { LiveCard } from '../../../shared/live-card';
import { useServices } from '../services';

/**
 * Card frames for `livingIds` (pass `[]` while the page is hidden, so the socket can close) go to `onCard`, the
 * latest one given. Returns whether the socket is open and subscribed to all of them.
 */
export function useLivePush(livingIds: readonly string[], onCard: (card: LiveCard) => void): boolean {
  const { liveSocket } = useServices();
  const [connected, setConnected] = useState(false);
  const latest = useRef(onCard);
  latest.current = onCard;
  const key = livingIds.join(' '); // living ids have no spaces (`shared/living-id.ts`)

  useEffect(() => {
    if (!key) return;
    const unsubscribe = liveSocket.subscribe(key.split(' '), {
      onCard: (card) => latest.current(card),
      onConnectionChange: setConnected,
    });
    return () => {
      unsubscribe();
      setConnected(false);
    };
  }, [liveSocket, key]);

  return connected;
}
