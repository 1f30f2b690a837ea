/** `5400` → `1小时30分钟`, `2700` → `45分钟`, `7200` → `2小时`; `''` under a minute (not worth showing). */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (!Number.isFinite(minutes) || minutes < 1) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}分钟`;
  return m === 0 ? `${h}小时` : `${h}小时${m}分钟`;
}

/** Counts the way Chinese apps print them: `9876`, `1.2万`, `3亿`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '0';
  if (n < 10_000) return String(Math.floor(n));
  const [unit, size] = n < 100_000_000 ? ['万', 10_000] : ['亿', 100_000_000];
  const value = Math.floor((n / size) * 10) / 10;
  return `${value.toFixed(1).replace(/\.0$/, '')}${unit}`;
}
