import { startHarness, type Harness } from '../harness';

describe('short live links', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it.each([
    ['/live/lvABC_12-x', '/pages/live/index?id=lvABC_12-x'],
    ['/live/lvABC?replay=1', '/pages/live/index?id=lvABC&replay=1'],
    ['/live/lvABC?replay=0', '/pages/live/index?id=lvABC'],
    ['/live/lvABC?replay=1&utm_source=poster', '/pages/live/index?id=lvABC&replay=1'],
  ])('%s → %s', async (link, page) => {
    const res = await h.http.get(link).expect(302);
    expect(res.headers.location).toBe(page);
  });

  it.each(['/live/..%2F..%2Fetc', '/live/%3Cscript%3E'])('refuses %s', async (link) => {
    const res = await h.http.get(link);
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
  });
});
