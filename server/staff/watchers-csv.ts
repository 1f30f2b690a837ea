import { Readable } from 'node:stream';
import type { WecomWatcher } from '../wecom/living-api';

/** Column headers a person reads (Excel opens it as is); the order of `row` below. */
const HEADER = ['观众ID', '身份', '名称', '观看时长（秒）', '观看时长（分钟）', '评论过', '连麦过', '邀请人'];
const KIND: Record<WecomWatcher['kind'], string> = {
  member: '企业成员',
  wechat: '微信用户',
  wecom_external: '企业微信用户',
};

/** One field, quoted when it holds a comma, a quote or a line break (RFC 4180), quotes doubled. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (w: WecomWatcher) =>
  [
    w.id,
    KIND[w.kind],
    w.name ?? '',
    w.watchSeconds,
    (w.watchSeconds / 60).toFixed(1),
    w.commented ? '是' : '否',
    w.spoke ? '是' : '否',
    w.invitedBy ?? '',
  ]
    .map(field)
    .join(',');

/**
 * Every watcher as CSV, streamed a chunk of rows at a time (100,000 rows never become one string): UTF-8 with a
 * byte-order mark, so Excel shows Chinese names, and CRLF line ends.
 */
export function watchersCsv(watchers: readonly WecomWatcher[], rowsPerChunk = 1000): Readable {
  function* chunks() {
    yield `\uFEFF${HEADER.map(field).join(',')}\r\n`;
    for (let i = 0; i < watchers.length; i += rowsPerChunk) {
      yield `${watchers
        .slice(i, i + rowsPerChunk)
        .map(row)
        .join('\r\n')}\r\n`;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
