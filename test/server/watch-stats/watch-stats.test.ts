import { SANDBOX_LIVES } from '../../../sandbox';
import { textBody } from '../../support/text-body';
import { startHarness, type Harness } from '../harness';
import { staffSessionCookie } from '../sign-in/staff-session';
import { csvRecords } from '../../support/csv-records';

const STAFF = { agentId: '1000002', userIds: ['zhaomin'], managers: [] as string[], loginBase: '' };
const LIVE = SANDBOX_LIVES.endedReplayReady;

/** 2,500 viewers as WeCom lists them, made here (not by the code under test), with awkward names for the CSV. */
function audience() {
  const users = Array.from({ length: 700 }, (_, i) => ({
    userid: `member${i}`,
    watch_time: (i * 37) % 5400,
    is_comment: i % 3 === 0 ? 1 : 0,
    is_mic: i % 50 === 0 ? 1 : 0,
    ...(i % 4 === 0 ? { invitor_userid: `member${i % 7}` } : {}),
  }));
  const names = ['张三', 'Smith, John', 'say "hi"', 'two\nlines', '李四'];
  const externalUsers = Array.from({ length: 1800 }, (_, i) => ({
    external_userid: `wm${i}`,
    type: i % 5 === 0 ? 2 : 1,
    name: names[i % names.length]!,
    watch_time: (i * 53) % 7300,
    is_comment: i % 4 === 0 ? 1 : 0,
    is_mic: 0,
    ...(i % 3 === 0
      ? { invitor_userid: `member${i % 11}` }
      : i % 3 === 1
        ? { invitor_external_userid: 'wmPromoter' }
        : {}),
  }));
  return { users, externalUsers };
}

describe('watch statistics for staff', () => {
  let h: Harness;
  let staffCookie: string;
  beforeEach(async () => {
    h = await startHarness({ config: { staff: STAFF } });
    const data = audience();
    h.sandbox.watchStats.set(LIVE, data);
    staffCookie = await staffSessionCookie(h);
  });
  afterEach(() => h.close());

  it('pulls every page until WeCom says ending, and serves exact aggregates', async () => {
    const res = await h.http.get(`/api/staff/lives/${LIVE}/stats`).set('Cookie', staffCookie).expect(200);
    const { users, externalUsers } = audience();
    const all = [...users, ...externalUsers];
    const times = all.map((v) => v.watch_time).sort((a, b) => a - b);
    const nearestRank = (p: number) => times[Math.ceil(p * times.length) - 1];
    expect(res.body).toMatchObject({
      viewers: 2500,
      split: { member: 700, wechat: externalUsers.filter((u) => u.type === 1).length, wecomExternal: 360 },
      watchSeconds: { total: times.reduce((s, t) => s + t, 0), median: nearestRank(0.5), p90: nearestRank(0.9) },
      commenters: all.filter((v) => v.is_comment === 1).length,
      micSpeakers: all.filter((v) => v.is_mic === 1).length,
    });
    expect(res.body.histogram.reduce((s: number, b: { viewers: number }) => s + b.viewers, 0)).toBe(2500);
    expect(res.body.histogram[0]).toEqual({ label: '< 1 分钟', viewers: times.filter((t) => t < 60).length });
    const promoter = externalUsers.filter((u) => 'invitor_external_userid' in u);
    expect(res.body.inviters[0]).toEqual({
      inviter: 'wmPromoter',
      viewers: promoter.length,
      watchSeconds: promoter.reduce((s, u) => s + u.watch_time, 0),
    });
    const pages = h.sandbox.callsTo('living/get_watch_stat');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]?.body).toMatchObject({ livingid: LIVE, next_key: '0' });
    // Cached: an ended live's watchers do not change.
    await h.http.get(`/api/staff/lives/${LIVE}/stats`).set('Cookie', staffCookie).expect(200);
    expect(h.sandbox.callsTo('living/get_watch_stat')).toHaveLength(pages.length);
  });

  it('exports every viewer as CSV Excel opens: BOM, headers, awkward names intact', async () => {
    const res = await h.http
      .get(`/api/staff/lives/${LIVE}/watchers.csv`)
      .set('Cookie', staffCookie)
      .buffer(true)
      .parse(textBody)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = csvRecords(text.slice(1));
    expect(rows[0]).toEqual([
      '观众ID',
      '身份',
      '名称',
      '观看时长（秒）',
      '观看时长（分钟）',
      '评论过',
      '连麦过',
      '邀请人',
    ]);
    expect(rows).toHaveLength(2501);
    const names = new Set(rows.slice(1).map((r) => r[2]));
    for (const name of ['Smith, John', 'say "hi"', 'two\nlines', '张三']) expect(names).toContain(name);
  });

  it('answers 401 without a staff session, and to a viewer', async () => {
    await h.http.get(`/api/staff/lives/${LIVE}/stats`).expect(401);
    const { token } = await h.login();
    await h.http.get(`/api/staff/lives/${LIVE}/watchers.csv`).set('Authorization', `Bearer ${token}`).expect(401);
    await h.http.get('/api/staff/lives/lvNoSuchLiveAtAll1/stats').set('Cookie', staffCookie).expect(404);
  });
});
