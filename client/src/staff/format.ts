/** How the console writes numbers, durations and times (Chinese, local time). Pure, so tests pin every case. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `12345` → `12,345`. */
export function formatInteger(n: number): string {
  if (!Number.isFinite(n)) return '0';
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A watch time in the words people use: `0秒`, `45秒`, `12分5秒`, `3分钟`, `2小时`, `1小时30分`; hours are grouped
 * (`1,234小时5分`) since totals over a large audience run into thousands of hours.
 */
export function formatSeconds(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  if (s < 60) return `${s}秒`;
  if (s < 3600) {
    const rest = s % 60;
    return rest === 0 ? `${s / 60}分钟` : `${Math.floor(s / 60)}分${rest}秒`;
  }
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return minutes === 0 ? `${formatInteger(hours)}小时` : `${formatInteger(hours)}小时${minutes}分`;
}

/** `part` of `whole` as a percentage with one decimal (`42.5%`); `—` when there is no whole to speak of. */
export function formatPercent(part: number, whole: number): string {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return '—';
  const value = Math.round((part / whole) * 1000) / 10;
  return `${value.toFixed(1).replace(/\.0$/, '')}%`;
}

/** An ISO time as local `2026-12-02 14:36`; `''` for one that does not parse. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** An ISO time as local `14:36:05`, for "when were these numbers fetched". */
export function formatClock(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** An ISO time as the value of an `<input type="datetime-local">` (local, to the minute). */
export function toDateTimeLocal(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * The value of an `<input type="datetime-local">` (`2026-12-03T19:30`, local time) as ISO 8601 UTC; undefined for
 * anything else. Parsed by hand: `Date` parsing of such strings has differed between engines.
 */
export function fromDateTimeLocal(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  const at = new Date(year!, month! - 1, day!, hour!, minute!, second!);
  // 2026-02-31 would roll over into March: refuse what is not a real date.
  if (at.getFullYear() !== year || at.getMonth() !== month! - 1 || at.getDate() !== day || at.getHours() !== hour) {
    return undefined;
  }
  return at.toISOString();
}
