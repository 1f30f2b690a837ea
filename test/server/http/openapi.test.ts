import {
  ErrorBodySchema,
  LiveCardSchema,
  LivesResponseSchema,
  LivingCodeResponseSchema,
  SessionResponseSchema,
} from '../../../server/http/schemas/api-schemas';
import { SANDBOX_ANCHORS, SANDBOX_LIVES } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';

describe('GET /openapi.json', () => {
  let h: Harness;
  beforeAll(async () => {
    // Push on, so that every documented route is live (with push off the callback route answers 404).
    h = await startHarness({
      config: {
        liveAnchors: [...SANDBOX_ANCHORS],
        callback: { token: 'OpenapiToken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' },
      },
    });
  });
  afterAll(() => h.close());

  it('describes every route the app serves, and only those', async () => {
    const doc = (await h.http.get('/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(
      [
        'GET /api/lives',
        'GET /api/lives/{livingId}',
        'GET /api/lives/{livingId}/url-link',
        'GET /api/session/h5',
        'GET /api/session/h5/callback',
        'GET /api/jssdk/config',
        'GET /healthz',
        'GET /readyz',
        'GET /api/wecom/callback',
        'POST /api/wecom/callback',
        'GET /api/staff/session',
        'GET /api/staff/session/callback',
        'GET /api/staff/me',
        'POST /api/staff/session/logout',
        'DELETE /api/staff/members/{userId}/sessions',
        'GET /api/staff/lives/{livingId}/stats',
        'GET /api/staff/lives/{livingId}/watchers.csv',
        'GET /api/staff/lives',
        'POST /api/staff/lives',
        'PATCH /api/staff/lives/{livingId}',
        'POST /api/staff/lives/{livingId}/cancel',
        'DELETE /api/staff/lives/{livingId}/replay',
        'GET /api/staff/lives/{livingId}/share',
        'GET /api/staff/lives/{livingId}/link-qr.png',
        'GET /api/staff/lives/{livingId}/mini-program-code.png',
        'GET /api/staff/lives/{livingId}/poster.png',
        'GET /api/scenes/{scene}',
        'GET /live/{livingId}',
        'POST /api/lives/{livingId}/code',
        'POST /api/lives/{livingId}/views',
        'POST /api/lives/{livingId}/opens',
        'POST /api/visitors',
        'GET /api/staff/lives/{livingId}/funnel',
        'POST /api/session/weapp',
        'GET /api/lives/{livingId}/reminder',
        'POST /api/lives/{livingId}/reminder',
        'GET /api/staff/lives/{livingId}/reminders',
      ].sort(),
    );
    // Each documented route really exists: none answers 404 NOT_FOUND / 405.
    for (const entry of documented) {
      const [method, path] = entry.split(' ') as [string, string];
      const res = await h.http[method.toLowerCase() as 'get'](path.replace('{livingId}', SANDBOX_LIVES.living));
      expect(res.status).not.toBe(405);
      expect(res.body.error?.code).not.toBe('NOT_FOUND');
    }
  });

  it('uses the same patterns the server validates with', async () => {
    const doc = (await h.http.get('/openapi.json').expect(200)).body;
    const param = doc.paths['/api/lives/{livingId}'].get.parameters[0];
    expect(param).toMatchObject({ name: 'livingId', in: 'path', required: true, schema: { type: 'string' } });
    const pattern = new RegExp(param.schema.pattern);
    expect(pattern.test(SANDBOX_LIVES.living)).toBe(true);
    expect(pattern.test('../etc')).toBe(false);
    const body = doc.paths['/api/lives/{livingId}/code'].post.requestBody.content['application/json'].schema;
    expect(body.properties.replay).toMatchObject({ type: 'boolean' });
    expect(body.properties.openid).toBeUndefined();
  });

  it('describes responses the server really sends', async () => {
    LivesResponseSchema.parse((await h.http.get('/api/lives').expect(200)).body);
    LiveCardSchema.parse((await h.http.get(`/api/lives/${SANDBOX_LIVES.living}`).expect(200)).body);
    ErrorBodySchema.parse((await h.http.get('/api/lives/lvUnknownOne').expect(404)).body);
    const session = SessionResponseSchema.parse(
      (await h.http.post('/api/session/weapp').send({ code: 'openapi-code' })).body,
    );
    LivingCodeResponseSchema.parse(
      (
        await h.http
          .post(`/api/lives/${SANDBOX_LIVES.living}/code`)
          .set('Authorization', `Bearer ${session.token}`)
          .send({})
          .expect(200)
      ).body,
    );
    const doc = (await h.http.get('/openapi.json').expect(200)).body;
    const cardSchema = doc.paths['/api/lives/{livingId}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(cardSchema.properties).sort()).toEqual(Object.keys(LiveCardSchema.shape).sort());
  });
});
