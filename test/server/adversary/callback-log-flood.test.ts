/**
 * Adversary item 12 (refused callbacks): anyone can post to WeCom's callback URL, and every refusal wrote a warning
 * line (and a request line), so a script could fill the log at the rate it sends. Here 300 forged callbacks are all
 * refused with 400 as before, but at most 20 refusal lines are written in the minute, no request line for each,
 * and once the minute is over one summary line says how many were not logged.
 */
import { manualClock, startHarness, type Harness } from '../harness';

const CALLBACK = { token: 'T0kenForTests', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
const FLOOD = 300;
/** `CALLBACK_REFUSALS_LOGGED_PER_MINUTE` in callback-routes.ts, written out so the test states the promise. */
const CALLBACK_REFUSALS_LOGGED_PER_MINUTE = 20;

describe('a flood of refused callbacks', () => {
  let h: Harness;
  const clock = manualClock();
  beforeAll(async () => {
    h = await startHarness({ config: { callback: CALLBACK }, now: clock.now, logLevel: 'info' });
  });
  afterAll(() => h.close());

  const forged = (i: number) =>
    h.http
      .post('/api/wecom/callback')
      .query({ msg_signature: 'f'.repeat(40), timestamp: String(Math.floor(clock.now() / 1000)), nonce: `n${i}` })
      .set('Content-Type', 'text/xml')
      .send('<xml><ToUserName>x</ToUserName><Encrypt>AAAA</Encrypt></xml>');

  const lines = (event: string) => h.logs.parsed().filter((l) => l.event === event);

  it('refuses every one, logs at most the allowance in the minute, then one summary line', async () => {
    for (let i = 0; i < FLOOD; i += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, j) => forged(i + j)));
      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(400));
    }
    const refusals = lines('callback_refused');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.length).toBeLessThanOrEqual(CALLBACK_REFUSALS_LOGGED_PER_MINUTE);
    expect(lines('request').filter((l) => l.path === '/api/wecom/callback')).toHaveLength(0);

    clock.advance(61_000);
    expect((await forged(FLOOD)).status).toBe(400);
    expect(lines('callback_refusals_not_logged')).toEqual([
      expect.objectContaining({ dropped: FLOOD - CALLBACK_REFUSALS_LOGGED_PER_MINUTE }),
    ]);
    // A new minute: refusals are logged again.
    expect(lines('callback_refused')).toHaveLength(CALLBACK_REFUSALS_LOGGED_PER_MINUTE + 1);
  }, 60_000);
});
