import { act, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import {
  matchRoute,
  navigate,
  navigationNotice,
  routeHref,
  useLocation,
  type StaffRoute,
} from '../../../client/src/staff/router';

const ID = 'lvOQpQDgAAEvbQXfglxhhWIfCYgjIwTM';

describe('staff console routes', () => {
  it.each<[string, StaffRoute]>([
    ['/staff', { name: 'lives' }],
    ['/staff/', { name: 'lives' }],
    ['/staff/lives/new', { name: 'create' }],
    ['/staff/lives/new/', { name: 'create' }],
    [`/staff/lives/${ID}/stats`, { name: 'stats', livingId: ID }],
    [`/staff/lives/${ID}/stats/`, { name: 'stats', livingId: ID }],
    [`/staff/lives/${ID}/share`, { name: 'share', livingId: ID }],
    [`/staff/lives/${ID}/edit`, { name: 'edit', livingId: ID }],
    ['/staff/lives/a_b-C9/stats', { name: 'stats', livingId: 'a_b-C9' }],
  ])('%s is %j', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each([
    '/',
    '/staffing',
    '/pages/live/index',
    '/staff/lives',
    '/staff/lives/',
    `/staff/lives/${ID}`,
    `/staff/lives/${ID}/poster`,
    '/staff/lives/bad%20id/stats',
    '/staff/lives/a.b/stats',
    `/staff/lives/${'x'.repeat(129)}/stats`,
    `/staff/lives/${ID}/stats/extra`,
  ])('%s is no page', (path) => {
    expect(matchRoute(path)).toEqual({ name: 'not-found' });
  });

  it.each<StaffRoute>([
    { name: 'lives' },
    { name: 'create' },
    { name: 'stats', livingId: ID },
    { name: 'share', livingId: ID },
    { name: 'edit', livingId: ID },
  ])('routeHref(%j) leads back to the same page', (route) => {
    expect(matchRoute(routeHref(route))).toEqual(route);
  });
});

describe('navigation with the History API', () => {
  function Where() {
    const { pathname, search } = useLocation();
    return createElement('p', null, `${pathname}${search}`);
  }

  // jsdom does not scroll (navigate scrolls a new page to the top).
  beforeEach(() => jest.spyOn(window, 'scrollTo').mockImplementation(() => undefined));
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('re-renders on navigate and on back', async () => {
    window.history.replaceState(null, '', '/staff/');
    render(createElement(Where));
    expect(screen.getByText('/staff/')).toBeTruthy();

    act(() => navigate(`/staff/lives/${ID}/share?from=spring`));
    expect(screen.getByText(`/staff/lives/${ID}/share?from=spring`)).toBeTruthy();
    expect(window.history.length).toBeGreaterThan(1);

    await act(async () => {
      window.history.back();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    expect(screen.getByText('/staff/')).toBeTruthy();
  });

  it('replaces the entry when asked (a campaign tag applied is not a page to go back to)', () => {
    window.history.replaceState(null, '', '/staff/');
    const before = window.history.length;
    navigate('/staff/lives/x/share?from=a', { replace: true });
    expect(window.history.length).toBe(before);
    expect(window.location.pathname + window.location.search).toBe('/staff/lives/x/share?from=a');
  });

  it('carries a notice to the next page in its history entry, and only there', () => {
    navigate('/staff/', { notice: '已保存修改' });
    expect(navigationNotice()).toBe('已保存修改');
    navigate('/staff/lives/x/stats');
    expect(navigationNotice()).toBeUndefined();
  });
});
