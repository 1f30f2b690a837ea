import { captureLanding, landingUrl, withoutSignInLeftovers } from '../../../client/src/launch/landing.h5';
import * as fallback from '../../../client/src/launch/landing';

describe('landing URL (H5)', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('remembers the URL the app loaded with, whatever the page does later', () => {
    window.history.replaceState(null, '', '/pages/index/index');
    captureLanding();
    window.history.pushState(null, '', '/pages/live/index?id=lv_1');
    expect(landingUrl()).toBe('http://localhost/pages/index/index');
  });

  it('removes code and state an OAuth redirect left, keeping the rest, and remembers the URL as it landed', () => {
    window.history.replaceState({ key: 'k' }, '', '/pages/live/index?id=lv_1&code=CODE&state=abc123&replay=1#x');
    captureLanding();
    expect(window.location.pathname + window.location.search + window.location.hash).toBe(
      '/pages/live/index?id=lv_1&replay=1#x',
    );
    expect(window.history.state).toEqual({ key: 'k' });
    expect(landingUrl()).toBe('http://localhost/pages/live/index?id=lv_1&code=CODE&state=abc123&replay=1#x');
  });

  it.each([
    ['http://a.test/p?code=1', 'http://a.test/p'],
    ['http://a.test/p?state=1', 'http://a.test/p'],
    ['http://a.test/p?id=x&code=1&state=2', 'http://a.test/p?id=x'],
    ['http://a.test/p?id=x#wechat_redirect', 'http://a.test/p?id=x'],
    ['http://a.test/p?code=1#top', 'http://a.test/p#top'],
    ['http://a.test/p?id=x#top', undefined],
    ['http://a.test/p?id=x', undefined],
    ['http://a.test/p', undefined],
  ])('withoutSignInLeftovers(%s) → %s', (href, expected) => {
    expect(withoutSignInLeftovers(href)).toBe(expected);
  });

  it('does nothing outside H5', () => {
    window.history.replaceState(null, '', '/p?code=1');
    fallback.captureLanding();
    expect(window.location.search).toBe('?code=1');
    expect(fallback.landingUrl()).toBeUndefined();
  });
});
