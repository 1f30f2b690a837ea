import type { PrimaryAction } from '../../../../shared/primary-action';

/** Same props on every platform; `launch-button.tsx` resolves to the platform's file at build time. */
export interface LaunchButtonProps {
  livingId: string;
  /** From `primaryAction()`; a disabled action renders disabled with its hint and fetches nothing. */
  action: PrimaryAction;
  /** The BFF refused a code because the live's state changed (409): the page should refresh the card. */
  onNotWatchable?: () => void;
  /** The page's campaign tag (`?from=…`): sent with the code request and the open, for our funnel. */
  from?: string;
  /**
   * The start a reserved live is planned for (none once it is on): a live moved to another time drops the code
   * prepared for the old one (`usePlannedStart`).
   */
  reservedStart?: string;
}
