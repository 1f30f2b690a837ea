describe('staff sign-in from the console', () => {
  // The module remembers that it already sent the browser away: a fresh copy for each test.
  let signIn: typeof import('../../../client/src/staff/sign-in');
  beforeEach(() => {
    jest.isolateModules(() => {
      signIn = jest.requireActual('../../../client/src/staff/sign-in');
    });
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/staff/lives/lv1/share?from=spring');
  });

  it('goes to the BFF with the current path and query as returnTo', () => {
    const assign = jest.fn();
    expect(signIn.goToSignIn({ now: 1_000_000, assign })).toBe(true);
    expect(assign).toHaveBeenCalledWith('/api/staff/session?returnTo=%2Fstaff%2Flives%2Flv1%2Fshare%3Ffrom%3Dspring');
  });

  it('sends the browser away once, however many requests saw the 401', () => {
    const assign = jest.fn();
    signIn.goToSignIn({ now: 1_000_000, assign });
    expect(signIn.goToSignIn({ now: 1_000_001, assign })).toBe(true);
    expect(assign).toHaveBeenCalledTimes(1);
  });

  it('does not loop: a 401 again within 30 s of the last attempt shows a link instead', () => {
    window.sessionStorage.setItem('staff:signInAt', String(1_000_000));
    const assign = jest.fn();
    expect(signIn.goToSignIn({ now: 1_000_000 + 29_000, assign })).toBe(false);
    expect(assign).not.toHaveBeenCalled();
  });

  it('signs in again at once after a successful sign-in (an expired session hours later)', () => {
    window.sessionStorage.setItem('staff:signInAt', String(1_000_000));
    signIn.signedIn();
    const assign = jest.fn();
    expect(signIn.goToSignIn({ now: 1_000_000 + 1_000, assign })).toBe(true);
    expect(assign).toHaveBeenCalledTimes(1);
  });
});
