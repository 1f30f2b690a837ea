import { buffer } from 'node:stream/consumers';
import { watchersCsv } from '../../../server/watch-stats/watchers-csv';
import type { WecomWatcher } from '../../../server/wecom/watch-stat-api';
import { csvRecords } from '../../support/csv-records';

/**
 * The CSV writer on its own (the export route and the hostile names are in adversary/csv-formulas.test.ts): what
 * each column holds, the header row, the byte-order mark and the CRLF records a staff member's Excel opens.
 */
/** The bytes as UTF-8 text, the byte-order mark kept (a TextDecoder would drop it). */
const csvText = async (stream: NodeJS.ReadableStream) => (await buffer(stream)).toString('utf8');

const HEADER = ['观众ID', '身份', '名称', '观看时长（秒）', '观看时长（分钟）', '评论过', '连麦过', '邀请人'];

const member: WecomWatcher = { id: 'zhaomin', kind: 'member', watchSeconds: 90, commented: true, spoke: false };
const wechat: WecomWatcher = {
  id: 'wmEXT1',
  kind: 'wechat',
  name: '张三, "老王"',
  watchSeconds: 61,
  commented: false,
  spoke: true,
  invitedBy: 'lifang',
};
const external: WecomWatcher = {
  id: 'wmEXT2',
  kind: 'wecom_external',
  name: '李四',
  watchSeconds: 0,
  commented: false,
  spoke: false,
};

describe('watchers.csv', () => {
  it('writes a BOM, the header and one CRLF record per watcher, every column in its place', async () => {
    const csv = await csvText(watchersCsv([member, wechat, external]));
    expect(csv.startsWith('\uFEFF观众ID,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(5); // header, three records, nothing after the last CRLF
    expect(csvRecords(csv.slice(1))).toEqual([
      HEADER,
      ['zhaomin', '企业成员', '', '90', '1.5', '是', '否', ''],
      ['wmEXT1', '微信用户', '张三, "老王"', '61', '1.0', '否', '是', 'lifang'],
      ['wmEXT2', '企业微信用户', '李四', '0', '0.0', '否', '否', ''],
    ]);
    // RFC 4180: the field with a comma and quotes is quoted, its quotes doubled.
    expect(csv).toContain('"张三, ""老王"""');
  });

  it('writes only the header for a live nobody watched', async () => {
    expect(await csvText(watchersCsv([]))).toBe(`\uFEFF${HEADER.join(',')}\r\n`);
  });

  it('makes a formula-led cell inert with a leading quote and keeps the rest of it', async () => {
    const csv = await csvText(
      watchersCsv([{ ...wechat, id: '=1+2', name: '@SUM(A1)', invitedBy: '-3', watchSeconds: 120 }]),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [, record] = csvRecords(csv.slice(1));
    expect(record).toEqual(["'=1+2", '微信用户', "'@SUM(A1)", '120', '2.0', '否', '是', "'-3"]);
  });

  it('streams: the rows are pulled as the reader reads, not turned into one string first', async () => {
    let pulled = 0;
    const many = {
      *[Symbol.iterator]() {
        for (let i = 0; i < 100_000; i++) {
          pulled++;
          yield { ...member, id: `m${i}` };
        }
      },
    } as unknown as WecomWatcher[];
    const stream = watchersCsv(many);
    let read = '';
    for await (const chunk of stream) {
      read += String(chunk);
      if (read.includes('m10,')) break;
    }
    expect(read.startsWith('\uFEFF观众ID,')).toBe(true);
    expect(pulled).toBeLessThan(1000);
  });
});
