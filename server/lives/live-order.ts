import type { LiveCard } from '../../shared/live-card';

/** Live now first, then upcoming (soonest first), then replays (newest first), then everything else. */
function rank(card: LiveCard): number {
  if (card.status === 'living') return 0;
  if (card.status === 'reserved') return 1;
  if (card.status === 'ended' && card.replay === 'ready') return 2;
  return 3;
}

export function compareLiveCards(a: LiveCard, b: LiveCard): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const ta = Date.parse(a.startsAt);
  const tb = Date.parse(b.startsAt);
  return rank(a) === 1 ? ta - tb : tb - ta;
}
