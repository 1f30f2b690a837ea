import { startHarness } from '../harness';

describe('GET /readyz', () => {
  it('says the instance takes traffic', async () => {
    const h = await startHarness();
    try {
      expect((await h.http.get('/readyz').expect(200)).body).toEqual({ ready: true });
      expect((await h.http.get('/healthz').expect(200)).body).toEqual({ ok: true });
    } finally {
      await h.close();
    }
  });
});
