import { SANDBOX_LIVES } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';

describe('bad input', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness();
    ({ token } = await h.login());
  });
  afterAll(() => h.close());

  const live = SANDBOX_LIVES.living;

  it.each([
    ['GET', '/api/lives/..%2F..%2Fetc%2Fpasswd', 400, 'INVALID_LIVING_ID'],
    ['GET', '/api/lives/%2E%2E', 400, 'INVALID_LIVING_ID'],
    ['GET', '/api/lives/a%00b', 400, 'INVALID_LIVING_ID'],
    ['GET', '/api/lives/%3Cscript%3E', 400, 'INVALID_LIVING_ID'],
    ['GET', '/api/lives/lv%20x', 400, 'INVALID_LIVING_ID'],
    ['GET', `/api/lives/${'a'.repeat(129)}`, 400, 'INVALID_LIVING_ID'],
    ['GET', '/api/lives/%E0%A4%A', 400, 'INVALID_LIVING_ID'],
    ['GET', '/api/lives/abc/def/ghi', 404, 'NOT_FOUND'],
    ['GET', '/api/nothing-here', 404, 'NOT_FOUND'],
    ['DELETE', `/api/lives/${live}`, 405, 'METHOD_NOT_ALLOWED'],
    ['PUT', '/api/session/weapp', 405, 'METHOD_NOT_ALLOWED'],
  ] as const)('%s %s → %i %s', async (method, path, status, code) => {
    const res = await h.http[method.toLowerCase() as 'get'](path);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
  });

  const post = (path: string) => h.http.post(path).set('Authorization', `Bearer ${token}`);

  it.each([
    [
      'text/plain body',
      () => post(`/api/lives/${live}/code`).set('Content-Type', 'text/plain').send('replay=1'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'form body',
      () => post(`/api/lives/${live}/code`).type('form').send({ replay: 'true' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'malformed JSON',
      () => post(`/api/lives/${live}/code`).set('Content-Type', 'application/json').send('{"replay":'),
      400,
      'INVALID_BODY',
    ],
    ['a JSON array', () => post(`/api/lives/${live}/code`).send([1, 2]), 400, 'INVALID_BODY'],
    [
      'a JSON string',
      () => post(`/api/lives/${live}/code`).set('Content-Type', 'application/json').send('"x"'),
      400,
      'INVALID_BODY',
    ],
    ['replay as a string', () => post(`/api/lives/${live}/code`).send({ replay: 'yes' }), 400, 'INVALID_BODY'],
    ['a huge body', () => post(`/api/lives/${live}/code`).send({ pad: 'x'.repeat(200_000) }), 413, 'PAYLOAD_TOO_LARGE'],
    [
      'a deeply nested body',
      () =>
        post(`/api/lives/${live}/code`)
          .set('Content-Type', 'application/json')
          .send('['.repeat(5000) + ']'.repeat(5000)),
      400,
      'INVALID_BODY',
    ],
    ['a code that is a number', () => h.http.post('/api/session/weapp').send({ code: 12345 }), 400, 'INVALID_BODY'],
    ['an empty code', () => h.http.post('/api/session/weapp').send({ code: '' }), 400, 'INVALID_BODY'],
    [
      'a code far too long',
      () => h.http.post('/api/session/weapp').send({ code: 'c'.repeat(300) }),
      400,
      'INVALID_BODY',
    ],
    ['a malformed id on the code route', () => post('/api/lives/..%2F/code').send({}), 400, 'INVALID_LIVING_ID'],
  ] as const)('%s → %i %s', async (_name, request, status, code) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('keeps serving after all of that', async () => {
    await h.http.get('/healthz').expect(200, { ok: true });
    await h.http.get(`/api/lives/${live}`).expect(200);
  });

  it('never answers a 5xx to any of a burst of junk requests', async () => {
    const junk = ['%', '%%', '%ff', '..', '.', '~', "'", '"', '\\', 'a b', '%0d%0aX-Injected:1', '%c0%ae%c0%ae'];
    const statuses = await Promise.all(junk.map(async (j) => (await h.http.get(`/api/lives/${j}`)).status));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
