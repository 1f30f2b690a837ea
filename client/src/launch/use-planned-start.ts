import { useRef } from 'react';

/**
 * The start a reserved live was last planned for, kept once it is on: it changes when a manager moves the live, not
 * when the live starts (WeCom then reports the real start). A launch target made for one planned start is another
 * than one made for the next, so a moved live drops the code prepared for it; a live that starts keeps its code
 * (every viewer on the page asking at that moment would spend WeCom's budget for nothing).
 */
export function usePlannedStart(reservedStart: string | undefined): string | undefined {
  const planned = useRef(reservedStart);
  if (reservedStart !== undefined) planned.current = reservedStart;
  return planned.current;
}
