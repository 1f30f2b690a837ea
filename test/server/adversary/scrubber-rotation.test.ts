/**
 * Adversary item 11, "the log scrubber forgets the secrets first": it kept 64 values and evicted the oldest, so after
 * ~58 access token rotations the app secrets and SESSION_SECRET were no longer scrubbed. Here WeCom's token is
 * refused and refreshed 200 times through the real path (the sandbox invalidates it, the next card lookup gets
 * 40014, the client fetches another and registers it), and a line that carries every static secret and the newest
 * token by mistake must still come out redacted.
 */
import { SESSION_SECRET, startHarness, type Harness } from '../harness';

describe('the log scrubber after 200 token rotations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      logLevel: 'info',
      config: {
        callback: { token: 'CallbackToken0123456789', encodingAesKey: 'K'.repeat(43) },
        // 200 made-up ids from one address: the lane for unknown lives is not what is under test here.
        unknownLives: { perIpPerMinute: 1_000_000, budgetShare: 1, refusedMs: 600_000 },
      },
    });
  });
  afterAll(() => h.close());

  it('still scrubs the app secrets, SESSION_SECRET, the callback secrets and the newest token', async () => {
    for (let i = 0; i < 200; i++) {
      h.sandbox.tokens.invalidateAll();
      // A made-up id: WeCom refuses the token first (new token), then the id (404).
      await h.http.get(`/api/lives/rotation${i}`);
    }
    expect(h.sandbox.callsTo('gettoken').filter((c) => c.errcode === 0).length).toBeGreaterThanOrEqual(200);
    const lastCall = h.sandbox.callsTo('living/get_living_info').at(-1)!;
    const newestToken = lastCall.query.access_token!;

    const secrets = {
      wecom: h.config.wecom.secret,
      mini: h.config.wechat.miniSecret,
      serviceAccount: h.config.officialAccount.secret,
      session: SESSION_SECRET,
      callbackToken: h.config.callback!.token,
      callbackKey: h.config.callback!.encodingAesKey,
      newestToken,
    };
    for (const value of Object.values(secrets)) expect(value.length).toBeGreaterThanOrEqual(8);
    h.services.logger.warn({ event: 'oops', detail: Object.values(secrets).join(' | ') }, 'a mistake');
    await new Promise((resolve) => setImmediate(resolve));
    const line = h.logs.lines.find((l) => l.includes('"oops"'))!;
    expect(line).toBeDefined();
    for (const [name, value] of Object.entries(secrets))
      expect({ name, leaked: line.includes(value) }).toEqual({ name, leaked: false });
  }, 60_000);
});
