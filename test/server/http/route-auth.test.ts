import Router from '@koa/router';
import Koa from 'koa';
import supertest from 'supertest';
import { z } from 'zod';
import { apiRoutes } from '../../../server/app';
import { errorHandler } from '../../../server/http/middleware/error-handler';
import { mountRoutes } from '../../../server/http/mount-routes';
import { defineRoute, type RouteSpec } from '../../../server/http/route-spec';
import { createLogger } from '../../../server/logging/logger';
import { createSessionTokens } from '../../../server/sign-in/viewer-session-tokens';
import { SANDBOX_LIVES } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';

/** A concrete request for a route: path parameters filled with a live that exists, a body the schema accepts. */
function requestFor(h: Harness, spec: RouteSpec) {
  const path = spec.path.replace(':livingId', SANDBOX_LIVES.living);
  const req = h.http[spec.method](path);
  return spec.body ? req.send({}) : req;
}

describe('auth the router enforces', () => {
  let h: Harness;
  let routes: RouteSpec[];
  beforeEach(async () => {
    h = await startHarness();
    routes = apiRoutes(h.services);
  });
  afterEach(() => h.close());

  it('knows who every route is for', () => {
    expect(routes.filter((r) => !['public', 'viewer', 'staff', 'manager'].includes(r.auth))).toEqual([]);
    expect(routes.filter((r) => r.auth === 'viewer').map((r) => `${r.method} ${r.path}`)).toEqual([
      'post /api/lives/:livingId/code',
      'post /api/lives/:livingId/opens',
      'get /api/lives/:livingId/reminder',
      'post /api/lives/:livingId/reminder',
    ]);
  });

  it('refuses every non-public route without a session, before any upstream call', async () => {
    const guarded = routes.filter((r) => r.auth !== 'public');
    expect(guarded.length).toBeGreaterThan(0);
    for (const spec of guarded) {
      const res = await requestFor(h, spec);
      expect([spec.path, res.status, res.body.error?.code]).toEqual([spec.path, 401, 'SESSION_REQUIRED']);
    }
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(0);
  });

  it('refuses every non-public route with a forged, foreign or malformed credential', async () => {
    const foreign = await createSessionTokens({
      secret: 'another-deployment-secret-0123456789abcdef',
      appIds: [h.sandbox.credentials.miniAppId],
    }).issue({
      openid: 'someone',
      appId: h.sandbox.credentials.miniAppId,
      via: 'weapp',
    });
    const staffRoute = (spec: RouteSpec) => spec.auth === 'staff' || spec.auth === 'manager';
    for (const spec of routes.filter((r) => r.auth !== 'public')) {
      const credentials = staffRoute(spec)
        ? [{ Cookie: `wlv_staff=${foreign.token}` }, { Cookie: 'wlv_staff=not-a-token' }]
        : [
            { Authorization: `Bearer ${foreign.token}` },
            { Authorization: 'Bearer not-a-token' },
            { Authorization: 'Basic dXNlcjpwYXNz' },
            { Cookie: `wlv_session=${foreign.token}` },
          ];
      for (const credential of credentials) {
        const res = await requestFor(h, spec).set(credential);
        expect([spec.path, credential, res.status, res.body.error?.code]).toEqual([
          spec.path,
          credential,
          401,
          'SESSION_INVALID',
        ]);
      }
    }
    expect(h.sandbox.callsTo('living/get_living_code')).toHaveLength(0);
  });

  it('never lets a viewer session open a staff route, however it is presented', async () => {
    const { token } = await h.login();
    const staffRoutes = routes.filter((r) => r.auth === 'staff' || r.auth === 'manager');
    expect(staffRoutes.length).toBeGreaterThan(0);
    for (const spec of staffRoutes) {
      for (const credential of [
        { Authorization: `Bearer ${token}` },
        { Cookie: `wlv_session=${token}` },
        { Cookie: `wlv_staff=${token}` },
      ]) {
        const res = await requestFor(h, spec).set(credential);
        expect([spec.path, res.status]).toEqual([spec.path, 401]);
      }
    }
  });

  it('lets a signed-in viewer through, as the session says', async () => {
    const { token } = await h.login();
    for (const spec of routes.filter((r) => r.auth === 'viewer')) {
      const res = await requestFor(h, spec).set('Authorization', `Bearer ${token}`);
      // 200, or 204 for the funnel's open beacon; a reminder recorded without a template is the handler's 400.
      const expected = spec.path.endsWith('/opens') ? 204 : spec.path.endsWith('/reminder') && spec.body ? 400 : 200;
      expect([spec.path, res.status]).toEqual([spec.path, expected]);
    }
  });

  it('never runs the handler of a viewer route for an anonymous caller, whatever the handler forgets', async () => {
    const ran: string[] = [];
    const router = new Router();
    mountRoutes(
      router,
      [
        defineRoute({
          method: 'post',
          path: '/careless',
          summary: 'A handler that checks nothing itself',
          auth: 'viewer',
          body: z.object({ anything: z.string() }),
          responses: { 200: { description: 'ok' } },
          handler(ctx, { viewer }) {
            ran.push(viewer.openid);
            ctx.body = { ok: true };
          },
        }),
      ],
      {
        viewer: async (ctx) => {
          if (ctx.get('x-test-viewer') !== 'yes') throw Object.assign(new Error('no'), { status: 401 });
          return { openid: 'o-test', appId: 'wx-test', via: 'weapp' };
        },
        limits: {
          login: async () => undefined,
          code: async () => undefined,
          beacon: async () => undefined,
          reminder: async () => undefined,
        },
        staff: async () => Promise.reject(new Error('not used')),
        manager: async () => Promise.reject(new Error('not used')),
        audit: () => undefined,
        sameOrigin: () => undefined,
      },
    );
    const app = new Koa();
    app.silent = true;
    app.use(errorHandler(createLogger({ level: 'silent' })));
    app.use(router.routes());
    const http = supertest(app.callback());
    // Refused before the body is even parsed or validated: an anonymous caller learns nothing about the route.
    await http.post('/careless').set('content-type', 'text/plain').send('x').expect(401);
    await http.post('/careless').send({ anything: 'x' }).expect(401);
    expect(ran).toEqual([]);
    await http.post('/careless').set('x-test-viewer', 'yes').send({ anything: 'x' }).expect(200);
    expect(ran).toEqual(['o-test']);
  });
});
