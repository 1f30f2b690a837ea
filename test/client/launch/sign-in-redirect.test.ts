import { SIGN_IN_RETRY_WINDOW_MS, createSignInRedirect, signInUrl } from '../../../client/src/launch/sign-in-redirect';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function setup({ storage = memoryStorage() }: { storage?: ReturnType<typeof memoryStorage> | null } = {}) {
  let now = 1_000_000;
  const navigate = jest.fn<void, [string]>();
  const signIn = createSignInRedirect({ navigate, storage: storage ?? undefined, now: () => now });
  return { signIn, navigate, storage: storage!, later: (ms: number) => void (now += ms) };
}

const PAGE = '/pages/live/index?id=lv_1&replay=1';

describe('H5 sign-in redirect', () => {
  it('builds the BFF sign-in URL with the page as returnTo', () => {
    expect(signInUrl(PAGE)).toBe('/api/session/h5?returnTo=%2Fpages%2Flive%2Findex%3Fid%3Dlv_1%26replay%3D1');
    expect(signInUrl('/', 'https://bff.test')).toBe('https://bff.test/api/session/h5?returnTo=%2F');
  });

  it('leaves for the sign-in once; coming back without a session within a minute does not leave again', () => {
    const { signIn, navigate, later } = setup();
    expect(signIn.start(PAGE)).toBe(true);
    expect(navigate).toHaveBeenCalledWith(signInUrl(PAGE));

    later(5_000); // back from WeChat, still 401
    expect(signIn.start(PAGE)).toBe(false);
    later(SIGN_IN_RETRY_WINDOW_MS - 5_001);
    expect(signIn.start(PAGE)).toBe(false);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('may sign in again for the same page after the window, or for another page', () => {
    const { signIn, navigate, later } = setup();
    signIn.start(PAGE);
    expect(signIn.start('/pages/live/index?id=lv_2')).toBe(true);
    later(SIGN_IN_RETRY_WINDOW_MS);
    expect(signIn.start(PAGE)).toBe(true);
    expect(navigate).toHaveBeenCalledTimes(3);
  });

  it('forgets the attempt once signed in, so a session that expires later signs in again', () => {
    const { signIn, navigate, storage } = setup();
    signIn.start(PAGE);
    signIn.done();
    expect(storage.items.size).toBe(0);
    expect(signIn.start(PAGE)).toBe(true);
    expect(navigate).toHaveBeenCalledTimes(2);
  });

  it('a viewer’s retry always leaves, and blocks the automatic one again', () => {
    const { signIn, navigate } = setup();
    signIn.start(PAGE);
    expect(signIn.start(PAGE)).toBe(false);
    signIn.force(PAGE);
    expect(navigate).toHaveBeenCalledTimes(2);
    expect(signIn.start(PAGE)).toBe(false);
  });

  it.each([
    ['no storage', null],
    [
      'a storage that throws',
      {
        items: new Map<string, string>(),
        getItem: () => {
          throw new Error('SecurityError');
        },
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
        removeItem: () => undefined,
      },
    ],
  ])('with %s: never leaves on its own (it could not tell a loop), but a retry still does', (_case, storage) => {
    const { signIn, navigate } = setup({ storage });
    expect(signIn.start(PAGE)).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
    signIn.force(PAGE);
    expect(navigate).toHaveBeenCalledWith(signInUrl(PAGE));
    expect(() => signIn.done()).not.toThrow();
  });

  it('ignores a marker it cannot read, or one from the future (clock moved back)', () => {
    const { signIn, navigate, storage } = setup();
    storage.setItem('wlv.h5SignIn', '{not json');
    expect(signIn.start(PAGE)).toBe(true);
    storage.setItem('wlv.h5SignIn', JSON.stringify({ returnTo: PAGE, at: 9_000_000 }));
    expect(signIn.start(PAGE)).toBe(true);
    expect(navigate).toHaveBeenCalledTimes(2);
  });
});
