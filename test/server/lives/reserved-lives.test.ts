import { SANDBOX_LIVES } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';
import { staffSessionCookie } from '../sign-in/staff-session';

/** 李芳 and 刘洋 (a userid with `@`, as WeCom allows) manage lives; 赵敏 is staff who may only look. */
const WITH_AT = 'liu.yang@hq';
const STAFF = {
  agentId: '1000002',
  userIds: ['zhaomin', 'lifang', WITH_AT],
  managers: ['lifang', WITH_AT],
  loginBase: '',
};
const OURS = 'http://live.test';
const HOUR_MS = 3_600_000;

describe('reserved lives for managers', () => {
  let h: Harness;
  let manager: string;
  let staff: string;

  beforeEach(async () => {
    // The home list: one featured live and every live of 李芳 (not 赵敏, who hosts the lives made here).
    h = await startHarness({
      config: { staff: STAFF, liveIds: [SANDBOX_LIVES.reservedSoon], liveAnchors: ['lifang'] },
    });
    manager = await staffSessionCookie(h, 'lifang');
    staff = await staffSessionCookie(h, 'zhaomin');
  });
  afterEach(() => h.close());

  /** A whole minute two hours from now, as the console would send it. */
  const inTwoHours = () => new Date(Math.ceil((Date.now() + 2 * HOUR_MS) / 60_000) * 60_000);
  const reservation = (extra: Record<string, unknown> = {}) => ({
    anchorUserId: 'zhaomin',
    theme: '春季新品发布会',
    startsAt: inTwoHours().toISOString(),
    durationSeconds: 5400,
    type: 'event',
    ...extra,
  });
  const as = (cookie: string) => ({
    post: (path: string, body?: object) => {
      // Always a JSON body, `{}` when there is nothing to say (no body at all is 415, like the console never sends).
      return h.http
        .post(path)
        .set('Cookie', cookie)
        .set('Origin', OURS)
        .send(body ?? {});
    },
    patch: (path: string, body: object) => h.http.patch(path).set('Cookie', cookie).set('Origin', OURS).send(body),
    delete: (path: string, body?: object) => {
      return h.http
        .delete(path)
        .set('Cookie', cookie)
        .set('Origin', OURS)
        .send(body ?? {});
    },
    get: (path: string) => h.http.get(path).set('Cookie', cookie),
  });
  const create = async (extra: Record<string, unknown> = {}) => {
    const res = await as(manager).post('/api/staff/lives', reservation(extra));
    expect([res.status, res.body]).toEqual([201, { livingId: expect.stringMatching(/^lvOQpQDgAA/) }]);
    return res.body.livingId as string;
  };
  const managingCalls = () =>
    (['living/create', 'living/modify', 'living/cancel', 'living/delete_replay_data'] as const).flatMap((api) =>
      h.sandbox.callsTo(api),
    );
  const errorOf = (res: { status: number; body: { error?: { code?: string } } }) => [res.status, res.body.error?.code];

  describe('creating', () => {
    it('sends WeCom exactly its fields, and the live is on the home list and the staff list at once', async () => {
      // The home list is loaded (and its anchor lists cached) before the live exists.
      const before = await h.http.get('/api/lives').expect(200);
      const startsAt = inTwoHours();
      const livingId = await create({
        startsAt: startsAt.toISOString(),
        description: '全渠道同步直播',
        remindSecondsBefore: 900,
      });

      const [sent, ...more] = h.sandbox.callsTo('living/create');
      expect(more).toEqual([]);
      expect(sent?.method).toBe('POST');
      expect(sent?.path).toBe('/cgi-bin/living/create');
      expect(Object.keys(sent?.query ?? {})).toEqual(['access_token']);
      expect(sent?.body).toEqual({
        anchor_userid: 'zhaomin',
        theme: '春季新品发布会',
        living_start: startsAt.getTime() / 1000,
        living_duration: 5400,
        type: 4,
        description: '全渠道同步直播',
        remind_time: 900,
      });

      const home = await h.http.get('/api/lives').expect(200);
      expect(home.body.lives).toHaveLength(before.body.lives.length + 1);
      expect(home.body.lives.find((l: { livingId: string }) => l.livingId === livingId)).toMatchObject({
        theme: '春季新品发布会',
        status: 'reserved',
        type: 'event',
        anchorUserId: 'zhaomin',
        startsAt: startsAt.toISOString(),
        durationSeconds: 5400,
        description: '全渠道同步直播',
      });
      // zhaomin is none of the listed anchors: only the kept id brings the live onto the list.
      expect(h.config.liveAnchors).not.toContain('zhaomin');

      const staffList = await as(staff).get('/api/staff/lives').expect(200);
      expect(staffList.headers['cache-control']).toBe('no-store');
      const lives = staffList.body.lives as Array<{ livingId: string; createdByApp: boolean; startsAt: string }>;
      expect(lives.find((l) => l.livingId === livingId)?.createdByApp).toBe(true);
      expect(lives.find((l) => l.livingId === SANDBOX_LIVES.reservedSoon)?.createdByApp).toBe(false);
      expect(lives.filter((l) => l.createdByApp)).toHaveLength(1);
      const starts = lives.map((l) => Date.parse(l.startsAt));
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
    });

    it('lets a manager whose userid holds @ reserve a live with themself as the anchor, as the form fills it in', async () => {
      const own = await staffSessionCookie(h, WITH_AT);
      expect((await as(own).get('/api/staff/me').expect(200)).body).toEqual({ userId: WITH_AT, role: 'manager' });
      const res = await as(own).post('/api/staff/lives', reservation({ anchorUserId: WITH_AT }));
      expect([res.status, res.body]).toEqual([201, { livingId: expect.stringMatching(/^lvOQpQDgAA/) }]);
      expect(h.sandbox.callsTo('living/create').map((c) => c.body)).toEqual([
        expect.objectContaining({ anchor_userid: WITH_AT }),
      ]);
    });

    it.each([
      ['a theme of 21 characters', { theme: '一'.repeat(21) }],
      ['a theme of 20 emoji (80 bytes, over living/modify’s 60)', { theme: '🎉'.repeat(20) }],
      ['an empty theme', { theme: ' ' }],
      ['a start in the past', { startsAt: new Date(Date.now() - 60_000).toISOString() }],
      ['a start that is no date', { startsAt: 'tomorrow' }],
      ['type 9', { type: 9 }],
      ['an unknown type name', { type: 'webinar' }],
      ['a duration of 0', { durationSeconds: 0 }],
      ['a description of 101 characters', { description: '字'.repeat(101) }],
      ['a negative reminder', { remindSecondsBefore: -1 }],
      ['an unknown field', { coverImage: 'x.png' }],
      ['an anchor that is no userid', { anchorUserId: '张三 ' }],
      ['no theme', { theme: undefined }],
    ])('refuses %s with 400 before asking WeCom', async (_name, extra) => {
      const res = await as(manager).post('/api/staff/lives', reservation(extra));
      expect(errorOf(res)).toEqual([400, 'INVALID_BODY']);
      expect(managingCalls()).toEqual([]);
    });

    it('says so when WeCom does not know the anchor', async () => {
      const res = await as(manager).post('/api/staff/lives', reservation({ anchorUserId: 'stranger' }));
      expect(errorOf(res)).toEqual([400, 'INVALID_BODY']);
      expect(res.body.error.message).toMatch(/anchorUserId/);
      expect(h.sandbox.callsTo('living/create')).toHaveLength(1);
    });

    it('asks WeCom to create only once: a busy answer or a dropped one is a 503, never a second live', async () => {
      h.sandbox.faults.failNext('living/create', -1);
      const busy = await as(manager).post('/api/staff/lives', reservation());
      expect(errorOf(busy)).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
      expect(h.sandbox.callsTo('living/create')).toHaveLength(1);
    });
  });

  describe('changing', () => {
    it('sends only the changed fields, and the cached card shows them at once', async () => {
      const livingId = await create();
      await h.http.get(`/api/lives/${livingId}`).expect(200); // cached now, fresh for 5 s
      const startsAt = new Date(inTwoHours().getTime() + HOUR_MS);
      await as(manager)
        .patch(`/api/staff/lives/${livingId}`, { theme: '发布会改期', startsAt: startsAt.toISOString() })
        .expect(204);
      expect(h.sandbox.callsTo('living/modify').map((c) => [c.method, c.path, c.body])).toEqual([
        [
          'POST',
          '/cgi-bin/living/modify',
          { livingid: livingId, theme: '发布会改期', living_start: startsAt.getTime() / 1000 },
        ],
      ]);
      const card = await h.http.get(`/api/lives/${livingId}`).expect(200);
      expect(card.body).toMatchObject({ theme: '发布会改期', startsAt: startsAt.toISOString(), status: 'reserved' });
    });

    it('maps type names and reminders to WeCom’s numbers', async () => {
      const livingId = await create();
      await as(manager)
        .patch(`/api/staff/lives/${livingId}`, { type: 'training', remindSecondsBefore: 0, durationSeconds: 60 })
        .expect(204);
      expect(h.sandbox.callsTo('living/modify')[0]?.body).toEqual({
        livingid: livingId,
        type: 3,
        remind_time: 0,
        living_duration: 60,
      });
    });

    it('answers 409 LIVE_ALREADY_STARTED once the live has started', async () => {
      const livingId = await create();
      h.sandbox.lives.setStatus(livingId, 1);
      const res = await as(manager).patch(`/api/staff/lives/${livingId}`, { theme: '太晚了' });
      expect(errorOf(res)).toEqual([409, 'LIVE_ALREADY_STARTED']);
    });

    it('refuses nothing to change, a past start and an anchor change without asking WeCom', async () => {
      const livingId = await create();
      for (const body of [{}, { startsAt: new Date(Date.now() - 1000).toISOString() }, { anchorUserId: 'lifang' }]) {
        expect(errorOf(await as(manager).patch(`/api/staff/lives/${livingId}`, body))).toEqual([400, 'INVALID_BODY']);
      }
      expect(h.sandbox.callsTo('living/modify')).toEqual([]);
    });

    it('refuses a live this app did not create (403) and one WeCom does not know (404)', async () => {
      const foreign = await as(manager).patch(`/api/staff/lives/${SANDBOX_LIVES.reservedSoon}`, { theme: '别人的' });
      expect(errorOf(foreign)).toEqual([403, 'LIVE_NOT_THIS_APP']);
      expect(foreign.body.error.message).toMatch(/not created by this app/);
      const unknown = await as(manager).patch('/api/staff/lives/lvNoSuchLive', { theme: 'x' });
      expect(errorOf(unknown)).toEqual([404, 'LIVE_NOT_FOUND']);
    });
  });

  describe('cancelling', () => {
    it('cancels a reserved live when the body confirms it, and its card says cancelled at once', async () => {
      const livingId = await create();
      await h.http.get(`/api/lives/${livingId}`).expect(200);
      const told: Array<{ livingId: string; status: string }> = [];
      const unsubscribe = h.services.cardBus.subscribe((card) => told.push(card));
      await as(manager).post(`/api/staff/lives/${livingId}/cancel`, { confirm: livingId }).expect(204);
      await new Promise((resolve) => setImmediate(resolve));
      unsubscribe();
      // Open screens (the event sockets listen on this bus) are told as the callback path tells them.
      expect(told.map((c) => [c.livingId, c.status])).toEqual([[livingId, 'cancelled']]);
      expect(h.sandbox.callsTo('living/cancel').map((c) => [c.method, c.path, c.body])).toEqual([
        ['POST', '/cgi-bin/living/cancel', { livingid: livingId }],
      ]);
      expect((await h.http.get(`/api/lives/${livingId}`).expect(200)).body.status).toBe('cancelled');
    });

    it('needs the confirmation: none, or another live’s id, is 400 CONFIRMATION_REQUIRED with no WeCom call', async () => {
      const livingId = await create();
      const path = `/api/staff/lives/${livingId}/cancel`;
      for (const res of [
        await as(manager).post(path),
        await as(manager).post(path, {}),
        await as(manager).post(path, { confirm: SANDBOX_LIVES.reservedSoon }),
      ]) {
        expect(errorOf(res)).toEqual([400, 'CONFIRMATION_REQUIRED']);
      }
      expect(h.sandbox.callsTo('living/cancel')).toEqual([]);
      expect(h.sandbox.lives.get(livingId)?.status).toBe(0);
    });

    it('answers 409 LIVE_ALREADY_STARTED after the start, and for a live cancelled already', async () => {
      const started = await create();
      h.sandbox.lives.setStatus(started, 1);
      const late = await as(manager).post(`/api/staff/lives/${started}/cancel`, { confirm: started });
      expect(errorOf(late)).toEqual([409, 'LIVE_ALREADY_STARTED']);
      expect(h.sandbox.lives.get(started)?.status).toBe(1);

      const twice = await create();
      await as(manager).post(`/api/staff/lives/${twice}/cancel`, { confirm: twice }).expect(204);
      const again = await as(manager).post(`/api/staff/lives/${twice}/cancel`, { confirm: twice });
      expect(errorOf(again)).toEqual([409, 'LIVE_ALREADY_STARTED']);
    });
  });

  describe('deleting a replay', () => {
    it('needs the confirmation, then deletes it once; the card says deleted at once', async () => {
      const livingId = await create();
      h.sandbox.lives.setStatus(livingId, 1);
      h.sandbox.lives.setStatus(livingId, 2, { open_replay: 1, replay_status: 0 });
      await h.services.cards.refresh(livingId); // as WeCom's callback would have it
      const path = `/api/staff/lives/${livingId}/replay`;
      expect((await h.http.get(`/api/lives/${livingId}`).expect(200)).body.replay).toBe('ready');

      expect(errorOf(await as(manager).delete(path))).toEqual([400, 'CONFIRMATION_REQUIRED']);
      expect(errorOf(await as(manager).delete(path, { confirm: 'nope' }))).toEqual([400, 'CONFIRMATION_REQUIRED']);
      expect(h.sandbox.callsTo('living/delete_replay_data')).toEqual([]);

      await as(manager).delete(path, { confirm: livingId }).expect(204);
      expect(h.sandbox.callsTo('living/delete_replay_data').map((c) => [c.method, c.path, c.body])).toEqual([
        ['POST', '/cgi-bin/living/delete_replay_data', { livingid: livingId }],
      ]);
      expect((await h.http.get(`/api/lives/${livingId}`).expect(200)).body.replay).toBe('deleted');
      expect(errorOf(await as(manager).delete(path, { confirm: livingId }))).toEqual([404, 'NOT_FOUND']);
    });
  });

  describe('who may', () => {
    const mutations = (livingId: string) =>
      [
        ['POST', '/api/staff/lives', reservation()],
        ['PATCH', `/api/staff/lives/${livingId}`, { theme: '改' }],
        ['POST', `/api/staff/lives/${livingId}/cancel`, { confirm: livingId }],
        ['DELETE', `/api/staff/lives/${livingId}/replay`, { confirm: livingId }],
      ] as const;
    const send = (method: string, path: string, body: object, headers: Record<string, string>) => {
      const req = method === 'POST' ? h.http.post(path) : method === 'PATCH' ? h.http.patch(path) : h.http.delete(path);
      for (const [name, value] of Object.entries(headers)) req.set(name, value);
      return req.send(body);
    };

    it('lets staff who are not managers list the lives but change nothing (403)', async () => {
      const livingId = await create();
      h.sandbox.resetCalls();
      await as(staff).get('/api/staff/lives').expect(200);
      for (const [method, path, body] of mutations(livingId)) {
        const res = await send(method, path, body, { Cookie: staff, Origin: OURS });
        expect([method, path, ...errorOf(res)]).toEqual([method, path, 403, 'FORBIDDEN']);
      }
      expect(managingCalls()).toEqual([]);
    });

    it('answers 401 without a staff session, even with a viewer’s token', async () => {
      const livingId = await create();
      h.sandbox.resetCalls();
      const { token } = await h.login();
      expect(errorOf(await h.http.get('/api/staff/lives'))).toEqual([401, 'SESSION_REQUIRED']);
      for (const [method, path, body] of mutations(livingId)) {
        const res = await send(method, path, body, { Origin: OURS, Authorization: `Bearer ${token}` });
        expect([method, path, ...errorOf(res)]).toEqual([method, path, 401, 'SESSION_REQUIRED']);
      }
      expect(managingCalls()).toEqual([]);
    });

    it('refuses a manager’s change that does not come from our own pages (no Origin, or another one)', async () => {
      const livingId = await create();
      h.sandbox.resetCalls();
      for (const [method, path, body] of mutations(livingId)) {
        const attempts: Array<Record<string, string>> = [
          { Cookie: manager },
          { Cookie: manager, Origin: 'https://evil.example' },
        ];
        for (const headers of attempts) {
          const res = await send(method, path, body, headers);
          expect([method, path, ...errorOf(res)]).toEqual([method, path, 403, 'FORBIDDEN']);
        }
      }
      expect(managingCalls()).toEqual([]);
    });

    it('leaves an audit line for every change, allowed or not', async () => {
      const livingId = await create();
      await as(manager).patch(`/api/staff/lives/${livingId}`, { theme: '新名字' }).expect(204);
      await as(manager).post(`/api/staff/lives/${livingId}/cancel`, { confirm: 'wrong' }).expect(400);
      await as(manager).post(`/api/staff/lives/${livingId}/cancel`, { confirm: livingId }).expect(204);
      const replay = await as(manager).delete(`/api/staff/lives/${livingId}/replay`, { confirm: livingId });
      expect(errorOf(replay)).toEqual([404, 'NOT_FOUND']);
      await as(staff).post('/api/staff/lives', reservation()).expect(403);
      await as(staff).get('/api/staff/lives').expect(200);
      const audit = h.logs.parsed().filter((l) => l.event === 'staff_action');
      expect(audit.map((l) => [l.userId, l.role, l.method, l.route, l.status])).toEqual([
        ['lifang', 'manager', 'POST', '/api/staff/lives', 201],
        ['lifang', 'manager', 'PATCH', '/api/staff/lives/:livingId', 204],
        ['lifang', 'manager', 'POST', '/api/staff/lives/:livingId/cancel', 400],
        ['lifang', 'manager', 'POST', '/api/staff/lives/:livingId/cancel', 204],
        ['lifang', 'manager', 'DELETE', '/api/staff/lives/:livingId/replay', 404],
      ]);
      // The staff member's refused attempt is refused before the router knows who it is for (no audit line then).
    });
  });

  it('never shows a secret in an answer or a log line', async () => {
    const livingId = await create();
    await as(manager).post(`/api/staff/lives/${livingId}/cancel`, { confirm: livingId }).expect(204);
    const list = await as(manager).get('/api/staff/lives').expect(200);
    const everything = JSON.stringify(list.body) + h.logs.text();
    for (const secret of h.sandbox.secrets()) expect(everything).not.toContain(secret);
  });

  it('describes every route in /openapi.json', async () => {
    const doc = await h.http.get('/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths['/api/staff/lives'])).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths['/api/staff/lives/{livingId}'])).toEqual(['patch']);
    expect(doc.body.paths['/api/staff/lives/{livingId}/cancel'].post.responses['409']).toBeDefined();
    expect(doc.body.paths['/api/staff/lives/{livingId}/replay'].delete.security).toEqual([{ staffCookie: [] }]);
  });
});
