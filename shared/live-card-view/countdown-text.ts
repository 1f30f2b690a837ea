/** A reserved live shows a ticking countdown once it starts within this window. */
export const COUNTDOWN_WINDOW_MS = 24 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The countdown line for a reserved live: `距开播 02:15:09` within 24 hours of the start, `即将开播` once the
 * start has passed but WeCom still says reserved, `undefined` when the start is further away (or unparsable).
 */
export function countdownText(startsAt: string | Date, now: number): string | undefined {
  const start = (typeof startsAt === 'string' ? new Date(startsAt) : startsAt).getTime();
  if (Number.isNaN(start)) return undefined;
  const left = start - now;
  if (left > COUNTDOWN_WINDOW_MS) return undefined;
  if (left <= 0) return '即将开播';
  const seconds = Math.ceil(left / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `距开播 ${pad(h)}:${pad(m)}:${pad(s)}`;
}
