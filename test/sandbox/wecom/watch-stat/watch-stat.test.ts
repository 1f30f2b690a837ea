import { SANDBOX_LIVES, SANDBOX_MEMBERS, type WatchStat } from '../../../../sandbox';
import { startSandbox, type Harness } from '../../sandbox-harness';

const LIVE = SANDBOX_LIVES.endedReplayReady;

/** `members` members then `externals` external people, numbered so pages can be checked by id. */
function audience(members: number, externals: number): WatchStat {
  return {
    users: Array.from({ length: members }, (_, i) => ({ userid: `m${i}`, watch_time: i, is_comment: 0, is_mic: 0 })),
    externalUsers: Array.from({ length: externals }, (_, i) => ({
      external_userid: `wm${i}`,
      type: 1,
      name: `外部${i}`,
      watch_time: i,
      is_comment: 1,
      is_mic: 0,
    })),
  };
}

interface Page {
  errcode: number;
  ending: number;
  next_key: string;
  stat_info: { users: Array<{ userid: string }>; external_users: Array<{ external_userid: string }> };
}

describe('living/get_watch_stat', () => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await startSandbox({ watchStatPageSize: 10 });
    token = await h.token();
  });
  afterEach(() => h.close());

  const call = (body: unknown) =>
    h.wecom('living/get_watch_stat', { method: 'POST', query: { access_token: token }, body });
  const page = async (body: unknown) => (await call(body)).json as unknown as Page;
  const sizeOf = (p: Page) => p.stat_info.users.length + p.stat_info.external_users.length;

  /** Every page from next_key "0" until `ending` is 1. */
  async function allPages(livingid: string): Promise<Page[]> {
    const pages: Page[] = [];
    let nextKey = '0';
    for (;;) {
      const p = await page({ livingid, next_key: nextKey });
      expect(p.errcode).toBe(0);
      pages.push(p);
      if (p.ending === 1) return pages;
      nextKey = p.next_key;
    }
  }

  it('pages every viewer exactly once, members before external people, until ending is 1', async () => {
    h.sandbox.watchStats.set(LIVE, audience(23, 31));
    const pages = await allPages(LIVE);
    const users = pages.flatMap((p) => p.stat_info.users.map((u) => u.userid));
    const externals = pages.flatMap((p) => p.stat_info.external_users.map((u) => u.external_userid));
    expect(users).toEqual(audience(23, 31).users.map((u) => u.userid));
    expect(externals).toEqual(audience(23, 31).externalUsers.map((u) => u.external_userid));
    expect(pages.every((p) => sizeOf(p) <= 10)).toBe(true);
  });

  it('answers WeCom’s shape, with invitor fields only where someone invited', async () => {
    const stat = audience(1, 1);
    stat.externalUsers[0]!.invitor_userid = 'm0';
    h.sandbox.watchStats.set(LIVE, stat);
    const first = await call({ livingid: LIVE, next_key: '0' });
    expect(first.json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      ending: 0,
      next_key: expect.any(String),
      stat_info: { users: [{ userid: 'm0', watch_time: 0, is_comment: 0, is_mic: 0 }], external_users: [] },
    });
    const second = await call({ livingid: LIVE, next_key: first.json?.next_key });
    expect(second.json?.stat_info).toEqual({
      users: [],
      external_users: [
        {
          external_userid: 'wm0',
          type: 1,
          name: '外部0',
          watch_time: 0,
          is_comment: 1,
          is_mic: 0,
          invitor_userid: 'm0',
        },
      ],
    });
  });

  it('sends a short page with ending 0 where the members run out, and more after it', async () => {
    h.sandbox.watchStats.set(LIVE, audience(13, 25));
    const sizes = (await allPages(LIVE)).map((p) => [sizeOf(p), p.ending]);
    expect(sizes).toEqual([
      [10, 0],
      [3, 0],
      [10, 0],
      [10, 0],
      [5, 0],
      [0, 1],
    ]);
  });

  it('ends with an empty page saying ending 1, even when the last viewers filled a whole page', async () => {
    h.sandbox.watchStats.set(LIVE, audience(0, 20));
    const pages = await allPages(LIVE);
    expect(pages.map((p) => [sizeOf(p), p.ending])).toEqual([
      [10, 0],
      [10, 0],
      [0, 1],
    ]);
  });

  it('answers one empty page with ending 1 for a live nobody watched', async () => {
    const p = await page({ livingid: SANDBOX_LIVES.reservedSoon, next_key: '0' });
    expect(p).toMatchObject({ errcode: 0, ending: 1, stat_info: { users: [], external_users: [] } });
  });

  it('takes a missing next_key as the first page', async () => {
    h.sandbox.watchStats.set(LIVE, audience(3, 0));
    expect((await page({ livingid: LIVE })).stat_info.users).toHaveLength(3);
  });

  it('issues opaque next_keys, not page numbers or offsets', async () => {
    h.sandbox.watchStats.set(LIVE, audience(30, 0));
    const keys = (await allPages(LIVE)).map((p) => p.next_key);
    for (const key of keys.slice(0, -1)) expect(key).not.toMatch(/^\d+$/);
    expect(new Set(keys.slice(0, -1)).size).toBe(keys.length - 1);
  });

  it.each([
    ['a page number', '1'],
    ['an offset', '10'],
    ['a made-up key', 'bm9wZQ'],
  ])('answers 40058 to %s as next_key', async (_name, nextKey) => {
    h.sandbox.watchStats.set(LIVE, audience(30, 0));
    expect((await page({ livingid: LIVE, next_key: nextKey })).errcode).toBe(40058);
  });

  it('refuses a next_key issued for another live', async () => {
    h.sandbox.watchStats.set(LIVE, audience(30, 0));
    h.sandbox.watchStats.set(SANDBOX_LIVES.endedNoReplay, audience(30, 0));
    const first = await page({ livingid: LIVE, next_key: '0' });
    expect((await page({ livingid: SANDBOX_LIVES.endedNoReplay, next_key: first.next_key })).errcode).toBe(40058);
  });

  it.each([
    ['an unknown livingid', { livingid: 'lvNoSuchLive', next_key: '0' }],
    ['no livingid', { next_key: '0' }],
    ['a numeric next_key', { livingid: LIVE, next_key: 0 }],
  ])('answers 40058 to %s, as get_living_info does for an unknown id', async (_name, body) => {
    expect((await page(body)).errcode).toBe(40058);
    expect(
      (await h.wecom('living/get_living_info', { query: { access_token: token, livingid: 'lvNoSuchLive' } })).json
        ?.errcode,
    ).toBe(40058);
  });

  it('forgets a removed live’s viewers', async () => {
    h.sandbox.watchStats.set(LIVE, audience(3, 0));
    h.sandbox.lives.remove(LIVE);
    expect(h.sandbox.watchStats.get(LIVE)).toBeUndefined();
    expect((await page({ livingid: LIVE, next_key: '0' })).errcode).toBe(40058);
  });

  it('answers 43002 to a GET, 41001/40014 without a valid token and 47001 to a body that is not JSON', async () => {
    const get = await h.wecom('living/get_watch_stat', { query: { access_token: token, livingid: LIVE } });
    expect(get.json?.errcode).toBe(43002);
    expect((await h.wecom('living/get_watch_stat', { method: 'POST', body: { livingid: LIVE } })).json?.errcode).toBe(
      41001,
    );
    const badToken = await h.wecom('living/get_watch_stat', {
      method: 'POST',
      query: { access_token: 'nope' },
      body: { livingid: LIVE },
    });
    expect(badToken.json?.errcode).toBe(40014);
    const notJson = await h.wecom('living/get_watch_stat', { query: { access_token: token }, rawBody: 'x' });
    expect(notJson.json?.errcode).toBe(47001);
  });

  it('is logged as living/get_watch_stat', async () => {
    h.sandbox.resetCalls();
    await page({ livingid: LIVE, next_key: '0' });
    expect(h.sandbox.callsTo('living/get_watch_stat')).toEqual([
      expect.objectContaining({ api: 'living/get_watch_stat', method: 'POST', errcode: 0 }),
    ]);
  });

  it('answers 45009 past the per-minute limit', async () => {
    const limited = await startSandbox({ rateLimitPerMinute: 2 });
    try {
      const t = await limited.token();
      const ask = () =>
        limited.wecom('living/get_watch_stat', {
          method: 'POST',
          query: { access_token: t },
          body: { livingid: LIVE },
        });
      expect((await ask()).json?.errcode).toBe(0);
      expect((await ask()).json?.errcode).toBe(0);
      expect((await ask()).json?.errcode).toBe(45009);
    } finally {
      await limited.close();
    }
  });

  it('pages the seeded viewers of an ended showcase live, as many as its viewer_num', async () => {
    const pages = await allPages(SANDBOX_LIVES.endedReplayGenerating);
    const viewers = pages.reduce((n, p) => n + sizeOf(p), 0);
    expect(viewers).toBe(h.sandbox.lives.get(SANDBOX_LIVES.endedReplayGenerating)?.viewer_num);
  });
});

describe('sandbox.watchStats.generate', () => {
  it('makes the same viewers for the same seed, and others for another', async () => {
    const h = await startSandbox();
    try {
      h.sandbox.watchStats.generate(LIVE, 500, 'a');
      const first = h.sandbox.watchStats.get(LIVE);
      h.sandbox.watchStats.generate(LIVE, 500, 'a');
      expect(h.sandbox.watchStats.get(LIVE)).toEqual(first);
      h.sandbox.watchStats.generate(LIVE, 500, 'b');
      expect(h.sandbox.watchStats.get(LIVE)).not.toEqual(first);
    } finally {
      await h.close();
    }
  });

  it('mixes members, WeChat and WeCom external people, tricky names, commenters, mic speakers and invitations', async () => {
    const h = await startSandbox();
    try {
      h.sandbox.watchStats.generate(LIVE, 2000);
      const { users, externalUsers } = h.sandbox.watchStats.get(LIVE)!;
      expect(users.length + externalUsers.length).toBe(2000);
      expect(users.length).toBeGreaterThan(400);
      const members = Object.keys(SANDBOX_MEMBERS);
      expect(users.slice(0, members.length).map((u) => u.userid)).toEqual(members);
      expect(new Set(users.map((u) => u.userid)).size).toBe(users.length);
      expect(new Set(externalUsers.map((u) => u.external_userid)).size).toBe(externalUsers.length);
      expect(externalUsers.filter((u) => u.type === 1).length).toBeGreaterThan(600);
      expect(externalUsers.filter((u) => u.type === 2).length).toBeGreaterThan(200);
      expect(externalUsers.every((u) => u.type === 1 || u.type === 2)).toBe(true);
      const names = externalUsers.map((u) => u.name);
      expect(names.some((n) => /^[\u4e00-\u9fff]{2,4}$/.test(n))).toBe(true);
      for (const mark of [',', '"', '\n']) expect(names.some((n) => n.includes(mark))).toBe(true);
      const all = [...users, ...externalUsers];
      expect(all.some((v) => v.is_comment === 1)).toBe(true);
      expect(all.some((v) => v.is_mic === 1)).toBe(true);
      expect(all.every((v) => v.is_comment <= 1 && v.is_mic <= 1)).toBe(true);
      expect(all.some((v) => v.invitor_userid)).toBe(true);
      expect(all.some((v) => v.invitor_external_userid)).toBe(true);
      expect(all.every((v) => !(v.invitor_userid && v.invitor_external_userid))).toBe(true);
      const times = all.map((v) => v.watch_time);
      expect(Math.min(...times)).toBeLessThan(60);
      expect(Math.max(...times)).toBeGreaterThan(3600);
    } finally {
      await h.close();
    }
  });

  it('makes 100,000 viewers in a few seconds at most, even on a busy CI runner', async () => {
    const h = await startSandbox();
    try {
      const started = performance.now();
      h.sandbox.watchStats.generate(LIVE, 100_000);
      const stat = h.sandbox.watchStats.get(LIVE)!;
      expect(performance.now() - started).toBeLessThan(10_000); // lazy: not built twice, not quadratic
      expect(stat.users.length + stat.externalUsers.length).toBe(100_000);
    } finally {
      await h.close();
    }
  });

  it('is reseeded by reset(): set viewers are gone, the showcase’s are back', async () => {
    const h = await startSandbox();
    try {
      const seeded = h.sandbox.watchStats.get(SANDBOX_LIVES.endedReplayFailed);
      expect(seeded?.users.length).toBeGreaterThan(0);
      h.sandbox.watchStats.set(SANDBOX_LIVES.endedReplayFailed, { users: [], externalUsers: [] });
      h.sandbox.watchStats.set(SANDBOX_LIVES.living, audience(2, 2));
      h.sandbox.reset();
      expect(h.sandbox.watchStats.get(SANDBOX_LIVES.endedReplayFailed)).toEqual(seeded);
      expect(h.sandbox.watchStats.get(SANDBOX_LIVES.living)).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});

describe('PUT /__sandbox/lives/:id/watch-stat', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.close());

  it('generates viewers from {count, seed}', async () => {
    const answer = await h.request('/__sandbox/lives/endedNoReplay/watch-stat', {
      method: 'PUT',
      body: { count: 300, seed: 's' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ livingId: SANDBOX_LIVES.endedNoReplay });
    expect(Number(answer.json?.users) + Number(answer.json?.externalUsers)).toBe(300);
    h.sandbox.watchStats.generate(LIVE, 300, 's');
    expect(h.sandbox.watchStats.get(SANDBOX_LIVES.endedNoReplay)).toEqual(h.sandbox.watchStats.get(LIVE));
  });

  it('sets exact viewers from {users, externalUsers} and shows them on GET', async () => {
    const stat = audience(2, 1);
    const answer = await h.request(`/__sandbox/lives/${LIVE}/watch-stat`, { method: 'PUT', body: stat });
    expect(answer.json).toEqual({ livingId: LIVE, users: 2, externalUsers: 1 });
    expect((await h.request(`/__sandbox/lives/${LIVE}/watch-stat`)).json).toEqual({ livingId: LIVE, ...stat });
  });

  it.each([
    ['a negative count', { count: -1 }],
    ['a bad flag', { users: [{ userid: 'a', watch_time: 1, is_comment: 2, is_mic: 0 }], externalUsers: [] }],
    [
      'an unknown external type',
      {
        users: [],
        externalUsers: [{ external_userid: 'w', type: 3, name: 'x', watch_time: 1, is_comment: 0, is_mic: 0 }],
      },
    ],
    ['neither shape', { viewers: 3 }],
  ])('answers 400 to %s', async (_name, body) => {
    expect((await h.request(`/__sandbox/lives/${LIVE}/watch-stat`, { method: 'PUT', body })).status).toBe(400);
  });

  it('answers 404 for a live the sandbox does not know', async () => {
    expect((await h.request('/__sandbox/lives/lvNope/watch-stat', { method: 'PUT', body: { count: 1 } })).status).toBe(
      404,
    );
  });
});
