import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { WecomWatcher } from '../wecom/watch-stat-api';

/** Column headers a person reads (Excel opens it as is), in this order. */
const COLUMNS = [
  { key: 'id', header: '观众ID' },
  { key: 'kind', header: '身份' },
  { key: 'name', header: '名称' },
  { key: 'seconds', header: '观看时长（秒）' },
  { key: 'minutes', header: '观看时长（分钟）' },
  { key: 'commented', header: '评论过' },
  { key: 'spoke', header: '连麦过' },
  { key: 'invitedBy', header: '邀请人' },
] as const;
type CsvRow = Record<(typeof COLUMNS)[number]['key'], string | number>;

const KIND: Record<WecomWatcher['kind'], string> = {
  member: '企业成员',
  wechat: '微信用户',
  wecom_external: '企业微信用户',
};

const row = (w: WecomWatcher): CsvRow => ({
  id: w.id,
  kind: KIND[w.kind],
  name: w.name ?? '',
  seconds: w.watchSeconds,
  minutes: (w.watchSeconds / 60).toFixed(1),
  commented: w.commented ? '是' : '否',
  spoke: w.spoke ? '是' : '否',
  invitedBy: w.invitedBy ?? '',
});

/**
 * Every watcher as CSV for a staff member's Excel, written by csv-stringify: RFC 4180 (a field is quoted when it
 * holds a comma, a quote or a line break; quotes doubled), UTF-8 with a byte-order mark so Excel shows Chinese names,
 * CRLF after every record, the header included.
 *
 * Names, ids and inviters come from viewers (WeCom passes them through), so every text cell that begins with `=`,
 * `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) gets a leading `'` (`escape_formulas`): Excel
 * shows it as text instead of running it as a formula; the value is otherwise kept. Numbers (the seconds) are not
 * text and never start with one of those.
 *
 * Streamed: the rows are pulled one by one as the client reads (back-pressure through `pipe`), so 100,000 rows never
 * become one string.
 */
export function watchersCsv(watchers: readonly WecomWatcher[]): Readable {
  function* rows() {
    for (const w of watchers) yield row(w);
  }
  const csv = stringify({
    bom: true,
    header: true,
    columns: COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    record_delimiter: 'windows',
    escape_formulas: true,
  });
  return Readable.from(rows(), { objectMode: true }).pipe(csv);
}
