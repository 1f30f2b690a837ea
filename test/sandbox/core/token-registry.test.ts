import { createTokenRegistry } from '../../../sandbox/core/token-registry';
import { manualClock } from '../sandbox-harness';

describe('the token registry both platforms use', () => {
  const registry = (renewBeforeMs?: number) => {
    const clock = manualClock();
    return {
      clock,
      tokens: createTokenRegistry({ now: clock.now, ttlSeconds: 7200, invalidErrcode: 40014, renewBeforeMs }),
    };
  };

  it('hands the same token to its owner until it expires, and another owner its own', () => {
    const { clock, tokens } = registry();
    const first = tokens.grant('corp');
    clock.advance(7199_000);
    expect(tokens.grant('corp')).toEqual({ access_token: first.access_token, expires_in: 1 });
    expect(tokens.grant('other').access_token).not.toBe(first.access_token);
    clock.advance(1000);
    expect(tokens.grant('corp').access_token).not.toBe(first.access_token);
  });

  it('renews `renewBeforeMs` early, and the old token still checks until it expires', () => {
    const { clock, tokens } = registry(300_000);
    const first = tokens.grant('app');
    clock.advance(6900_000);
    const second = tokens.grant('app');
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.expires_in).toBe(7200);
    expect(tokens.check(first.access_token)).toEqual({ ok: true, owner: 'app' });
    clock.advance(300_000);
    expect(tokens.check(first.access_token)).toEqual({ ok: false, errcode: 42001 });
  });

  it('answers the configured code for a token never issued or invalidated', () => {
    const { tokens } = registry();
    const { access_token: token } = tokens.grant('corp');
    expect(tokens.check('not-a-token')).toEqual({ ok: false, errcode: 40014 });
    tokens.invalidateAll();
    expect(tokens.check(token)).toEqual({ ok: false, errcode: 40014 });
  });

  it('current() reads without renewing; replace() invalidates the current token at once', () => {
    const { tokens } = registry();
    expect(tokens.current('app')).toBeUndefined();
    const first = tokens.grant('app');
    expect(tokens.current('app')).toEqual(first);
    const second = tokens.replace('app');
    expect(tokens.check(first.access_token)).toEqual({ ok: false, errcode: 40014 });
    expect(tokens.current('app')).toEqual(second);
    expect(tokens.issued()).toEqual([first.access_token, second.access_token]);
  });
});
