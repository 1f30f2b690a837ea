import { ApiError } from '../../../client/src/api/api-error';
import { createWeappSession, taroTokenStorage, type TokenStorage } from '../../../client/src/session/weapp-session';
import { taroMock } from '../stand-ins/taro';

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
