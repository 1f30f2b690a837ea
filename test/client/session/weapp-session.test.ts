import { ApiError } from '../../../client/src/api/api-error';
import { createWeappSession, taroTokenStorage, type TokenStorage } from '../../../client/src/session/weapp-session';
import { createServices } from '../../../client/src/services';
import { taroMock } from '../stand-ins/taro';
import { BASE_URL, errorBody, stubBff, type StubResponse } from '../support/bff-stub';
import { aCodeResponse } from '../support/fixtures';

const NOW = Date.parse('2025-11-28T10:00:00Z');
const later = (ms: number) => new Date(NOW + ms).toISOString();
const sessionInvalid = () => new ApiError({ code: 'SESSION_INVALID', message: 'x', status: 401 });

function memoryStorage(initial?: {
  token: string;
  expiresAt: string;
}): TokenStorage & { value?: { token: string; expiresAt: string } } {
  const s = {
    value: initial,
    get: () => s.value,
    set: (v: { token: string; expiresAt: string }) => void (s.value = v),
    clear: () => void (s.value = undefined),
  };
  return s;
}

function setup(stored?: { token: string; expiresAt: string }) {
  let n = 0;
  const login = jest.fn(async () => `code-${++n}`);
  const createWeappSession_ = jest.fn(async (code: string) => ({
    token: `token-for-${code}`,
    expiresAt: later(3600_000),
  }));
  const storage = memoryStorage(stored);
  const session = createWeappSession({
    api: { createWeappSession: createWeappSession_ },
    storage,
    login,
    now: () => NOW,
  });
  return { session, login, api: createWeappSession_, storage };
}

describe('weapp session', () => {
  it('logs in silently the first time and keeps the token', async () => {
    const { session, login, storage } = setup();
    await expect(session.withToken(async (t) => t)).resolves.toBe('token-for-code-1');
    await expect(session.withToken(async (t) => t)).resolves.toBe('token-for-code-1');
    expect(login).toHaveBeenCalledTimes(1);
    expect(storage.value?.token).toBe('token-for-code-1');
  });

  it('reuses a stored token that is still valid', async () => {
    const { session, login } = setup({ token: 'stored', expiresAt: later(600_000) });
    await expect(session.withToken(async (t) => t)).resolves.toBe('stored');
    expect(login).not.toHaveBeenCalled();
  });

  it('does not use a token about to expire', async () => {
    const { session, login } = setup({ token: 'stored', expiresAt: later(30_000) });
    await expect(session.withToken(async (t) => t)).resolves.toBe('token-for-code-1');
    expect(login).toHaveBeenCalledTimes(1);
  });

  it('logs in once for concurrent callers', async () => {
    const { session, login } = setup();
    await Promise.all([1, 2, 3].map(() => session.withToken(async (t) => t)));
    expect(login).toHaveBeenCalledTimes(1);
  });

  it('on a 401 logs in again exactly once and retries', async () => {
    const { session, login } = setup({ token: 'revoked', expiresAt: later(600_000) });
    const call = jest.fn(async (token: string) => {
      if (token === 'revoked') throw sessionInvalid();
      return `ok with ${token}`;
    });
    await expect(session.withToken(call)).resolves.toBe('ok with token-for-code-1');
    expect(login).toHaveBeenCalledTimes(1);
    expect(call.mock.calls.map(([t]) => t)).toEqual(['revoked', 'token-for-code-1']);
  });

  it('gives up after the one retry when the fresh token is refused too', async () => {
    const { session, login } = setup({ token: 'revoked', expiresAt: later(600_000) });
    const call = jest.fn(async () => {
      throw sessionInvalid();
    });
    await expect(session.withToken(call)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    expect(login).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['after the first re-login finished', true],
    ['while the first re-login is still running', false],
  ])('logs in once when two calls fail with the same old token, the second %s', async (_case, secondFailsLate) => {
    const { session, login, api, storage } = setup({ token: 'revoked', expiresAt: later(600_000) });
    let refuseSecond!: () => void;
    const secondRefused = new Promise<void>((resolve) => (refuseSecond = resolve));
    const first = jest.fn(async (token: string) => {
      if (token === 'revoked') throw sessionInvalid();
      return `first with ${token}`;
    });
    const second = jest.fn(async (token: string) => {
      if (token === 'revoked') {
        await secondRefused;
        throw sessionInvalid();
      }
      return `second with ${token}`;
    });

    const firstDone = session.withToken(first);
    const secondDone = session.withToken(second);
    if (secondFailsLate) await expect(firstDone).resolves.toBe('first with token-for-code-1');
    refuseSecond();

    await expect(secondDone).resolves.toBe('second with token-for-code-1');
    await expect(firstDone).resolves.toBe('first with token-for-code-1');
    expect(login).toHaveBeenCalledTimes(1);
    expect(api).toHaveBeenCalledTimes(1);
    expect(storage.value?.token).toBe('token-for-code-1');
    expect(second.mock.calls.map(([t]) => t)).toEqual(['revoked', 'token-for-code-1']);
  });

  it('through Taro and the BFF: two codes refused for the same old token cost one login', async () => {
    taroMock.storage.set('bff.session', { token: 'revoked', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    taroMock.taro.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
    let refuseLate!: (res: StubResponse) => void;
    const late = new Promise<StubResponse>((resolve) => (refuseLate = resolve));
    const { requests } = stubBff((req) => {
      if (req.path === '/api/session/weapp') {
        return { status: 200, body: { token: 'fresh', expiresAt: new Date(Date.now() + 3600_000).toISOString() } };
      }
      if (req.headers.Authorization !== 'Bearer revoked') return { status: 200, body: aCodeResponse('OK') };
      // The replay's 401 arrives only after the live's request has logged in again and succeeded.
      return req.body?.replay === true ? late : { status: 401, body: errorBody('SESSION_INVALID') };
    });
    const { api, weappSession } = createServices({ baseUrl: BASE_URL });
    const code = (replay: boolean) =>
      weappSession
        .withToken((token) => api.livingCode('lv_1', { replay, token }))
        .then((c) => ('livingCode' in c ? c.livingCode : c.deferred));

    const live = code(false);
    const replay = code(true);
    await expect(live).resolves.toBe('OK');
    refuseLate({ status: 401, body: errorBody('SESSION_INVALID') });
    await expect(replay).resolves.toBe('OK');

    expect(taroMock.taro.login).toHaveBeenCalledTimes(1);
    expect(requests.filter((r) => r.path === '/api/session/weapp')).toHaveLength(1);
    expect(taroTokenStorage.get()?.token).toBe('fresh');
  });

  it('on a 401 with a token that was already replaced, retries with the stored one without logging in', async () => {
    const { session, login, storage } = setup({ token: 'old', expiresAt: later(600_000) });
    const call = jest.fn(async (token: string) => {
      if (token === 'old') {
        // Another call re-logged in meanwhile.
        storage.set({ token: 'newer', expiresAt: later(3600_000) });
        throw sessionInvalid();
      }
      return `ok with ${token}`;
    });
    await expect(session.withToken(call)).resolves.toBe('ok with newer');
    expect(login).not.toHaveBeenCalled();
    expect(storage.value?.token).toBe('newer');
  });

  it('does not log in again for other errors', async () => {
    const { session, login } = setup({ token: 't', expiresAt: later(600_000) });
    const notWatchable = new ApiError({ code: 'LIVE_NOT_WATCHABLE', message: 'x', status: 409 });
    await expect(session.withToken(() => Promise.reject(notWatchable))).rejects.toBe(notWatchable);
    expect(login).not.toHaveBeenCalled();
  });

  it('stores the session in Taro storage by default', () => {
    taroTokenStorage.set({ token: 't1', expiresAt: later(1000) });
    expect(taroMock.storage.get('bff.session')).toEqual({ token: 't1', expiresAt: later(1000) });
    expect(taroTokenStorage.get()).toEqual({ token: 't1', expiresAt: later(1000) });
    taroTokenStorage.clear();
    expect(taroTokenStorage.get()).toBeUndefined();
  });
});
