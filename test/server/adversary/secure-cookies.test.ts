/**
 * Issue 17, item 8: with an https PUBLIC_ORIGIN and TLS ended at a load balancer, requests reach the BFF over plain
 * http (here: supertest, no TLS, no trusted X-Forwarded-Proto). Setting a cookie must never answer 5xx, and every
 * cookie must be Secure, since the browser is on https.
 */
import type { Response } from 'supertest';
import { SANDBOX_LIVES } from '../../../sandbox';
import { startHarness, type Harness } from '../harness';

const ORIGIN = 'https://live.example.com';
const setCookies = (res: Response) => (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];

describe('cookies behind TLS termination', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ logLevel: 'silent', config: { publicOrigin: ORIGIN, trustProxy: 0 } });
  });
  afterEach(() => h.close());

  it('sets the first visitor cookie, Secure, instead of answering 500', async () => {
    const res = await h.http.post(`/api/lives/${SANDBOX_LIVES.living}/views`).send({ from: 'poster' });
    expect(res.status).toBe(204);
    const visitor = setCookies(res).find((c) => c.startsWith('wlv_visitor='));
    expect(visitor).toMatch(/;\s*secure/i);
  });

  it('starts the viewer and the staff sign-ins with Secure cookies', async () => {
    for (const path of ['/api/session/h5?returnTo=%2F', '/api/staff/session?returnTo=%2Fstaff%2F']) {
      const res = await h.http.get(path);
      expect([path, res.status]).toEqual([path, 302]);
      expect(setCookies(res).length).toBeGreaterThan(0);
      for (const cookie of setCookies(res)) expect(cookie).toMatch(/;\s*secure/i);
    }
  });

  it('is Secure even when an untrusted X-Forwarded-Proto says http', async () => {
    const res = await h.http.post(`/api/lives/${SANDBOX_LIVES.living}/views`).set('X-Forwarded-Proto', 'http').send({});
    expect(res.status).toBe(204);
    for (const cookie of setCookies(res)) expect(cookie).toMatch(/;\s*secure/i);
  });
});
