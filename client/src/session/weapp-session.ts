import Taro from '@tarojs/taro';
import type { SessionResponse } from '../../../shared/api';
import { isApiError } from '../api/api-error';
import type { BffApi } from '../api/bff-api';

/** Where the token lives between launches of the mini program. */
export interface TokenStorage {
  get(): SessionResponse | undefined;
  set(session: SessionResponse): void;
  clear(): void;
}

export interface WeappSession {
  /**
   * Runs `call` with a session token, logging in silently first when there is none. When the BFF answers 401
   * (`SESSION_REQUIRED` / `SESSION_INVALID`) it logs in again once and retries once.
   */
  withToken<T>(call: (token: string) => Promise<T>): Promise<T>;
}

export interface WeappSessionOptions {
  api: Pick<BffApi, 'createWeappSession'>;
  storage?: TokenStorage;
  /** `Taro.login`'s code; injectable for tests. */
  login?: () => Promise<string>;
  now?: () => number;
}

/** A token this close to its expiry is not used: a request may take that long. */
const EXPIRY_MARGIN_MS = 60_000;
const STORAGE_KEY = 'bff.session';

export const taroTokenStorage: TokenStorage = {
  get() {
    const value: unknown = Taro.getStorageSync(STORAGE_KEY);
    const s = value as Partial<SessionResponse> | undefined;
    return typeof s?.token === 'string' && typeof s.expiresAt === 'string' ? (s as SessionResponse) : undefined;
  },
  set(session) {
    Taro.setStorageSync(STORAGE_KEY, session);
  },
  clear() {
    Taro.removeStorageSync(STORAGE_KEY);
  },
};

const taroLogin = async () => (await Taro.login()).code;

/** Silent mini program login (`Taro.login` → `POST /api/session/weapp`), one login in flight at a time. */
export function createWeappSession({
  api,
  storage = taroTokenStorage,
  login = taroLogin,
  now = Date.now,
}: WeappSessionOptions): WeappSession {
  let pending: Promise<string> | undefined;

  function logIn(): Promise<string> {
    pending ??= (async () => {
      try {
        const session = await api.createWeappSession(await login());
        storage.set(session);
        return session.token;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  }

  function storedToken(): string | undefined {
    const s = storage.get();
    return s && Date.parse(s.expiresAt) - now() > EXPIRY_MARGIN_MS ? s.token : undefined;
  }

  /**
   * A token to retry with after `refused` got a 401. Concurrent calls fail with the same old token: the first one
   * logs in, and any that land later take the token it stored instead of wiping it and logging in again.
   */
  function tokenReplacing(refused: string): Promise<string> {
    const stored = storedToken();
    if (!pending && stored !== undefined && stored !== refused) return Promise.resolve(stored);
    if (storage.get()?.token === refused) storage.clear();
    return logIn();
  }

  return {
    async withToken(call) {
      const token = storedToken() ?? (await logIn());
      try {
        return await call(token);
      } catch (error) {
        if (!isApiError(error, 'SESSION_REQUIRED', 'SESSION_INVALID')) throw error;
        return call(await tokenReplacing(token));
      }
    },
  };
}
