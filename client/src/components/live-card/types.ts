import type { ReactNode } from 'react';
import type { LiveCard } from '../../../../shared/live-card';
import type { PrimaryAction } from '../../../../shared/primary-action';

export type LiveCardVariant = 'compact' | 'full';

export interface LiveCardProps {
  live: LiveCard;
  /** The viewer asked for the replay (`?replay=1` on the live page). */
  replayAsked?: boolean;
  /** `compact` in the home list (the whole card opens the live), `full` on the live page. */
  variant?: LiveCardVariant;
  /** Tapping a compact card, or the default action button. */
  onOpen?: (live: LiveCard) => void;
  /** Replaces the default action button, e.g. with the platform's launch button; gets the same action. */
  renderAction?: (action: PrimaryAction) => ReactNode;
}
