import { useEffect, useState } from 'react';
import { usePageVisible } from './page-visibility';

/**
 * The current time, re-read every `intervalMs` while `enabled`; for countdowns and relative times. A hidden page's
 * clock stops (nobody sees it tick) and is read again the moment the page shows.
 */
export function useNow(intervalMs: number, enabled = true): number {
  const visible = usePageVisible();
  const ticking = enabled && visible;
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, ticking]);
  return now;
}
