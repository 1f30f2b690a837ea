import { createSandbox, SANDBOX_CREDENTIALS, type Sandbox, type SandboxOptions } from '../../sandbox';

/** A clock tests move by hand: 2025-06-02 10:00 in China. */
export function manualClock(start = Date.UTC(2025, 5, 2, 2, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  /** The body parsed as JSON (whatever the Content-Type says), or `undefined` when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

export interface Harness {
  sandbox: Sandbox;
  base: string;
  clock: ReturnType<typeof manualClock>;
  /** Any request to the sandbox over real HTTP. */
  request(path: string, init?: { method?: string; body?: unknown; rawBody?: string }): Promise<Answer>;
  /** A WeCom API call with `query` (access_token included only if given). */
  wecom(
    api: string,
    init?: { method?: string; query?: Record<string, string>; body?: unknown; rawBody?: string },
  ): Promise<Answer>;
  /** A fresh-or-cached token from gettoken with the sandbox's credentials. */
  token(): Promise<string>;
  /** A jscode2session call with the right app id and secret unless overridden. */
  login(query: Record<string, string>): Promise<Answer>;
  /**
   * Opens the authorize page as WeChat's browser would, without following the redirect; a valid request for
   * `http://localhost:3000/h5/callback` unless overridden (`undefined` leaves a parameter out).
   */
  authorize(query?: Record<string, string | undefined>, init?: { cookie?: string }): Promise<Response>;
  /** The code the authorize page redirected with, for `user` (the `sandbox_wx_user` cookie) when given. */
  oauthCode(user?: string): Promise<string>;
  /**
   * WeCom's member OAuth as the WeCom client opens it (the authorize path with the corp id and agent id), without
   * following the redirect; a valid request for `http://localhost:3000/staff/callback` unless overridden.
   */
  memberAuthorize(query?: Record<string, string | undefined>, init?: { cookie?: string }): Promise<Response>;
  /** WeCom's web QR login page, likewise. */
  ssoLogin(query?: Record<string, string | undefined>, init?: { cookie?: string }): Promise<Response>;
  /** A `cgi-bin/auth/getuserinfo` GET with a fresh-or-cached token unless `access_token` is given. */
  getUserInfo(query: Record<string, string>): Promise<Answer>;
  /** An sns/oauth2/access_token call with the service account's app id and secret unless overridden. */
  oauthToken(query: Record<string, string>): Promise<Answer>;
  /** A stable_token call with the service account's credentials unless overridden. */
  stableToken(body?: Record<string, unknown>): Promise<Answer>;
  /** A service account access token from stable_token (normal mode). */
  mpToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A fresh sandbox (as {@link startSandbox} starts it) for each test of the enclosing `describe`, with a WeCom access
 * token already taken from gettoken, closed after the test. `use` receives both whenever they change, e.g.
 * `eachSandboxWithToken((next) => ({ h, token } = next))` into the describe's `let h` and `let token`. Returns
 * `restart(options)`, for a test that needs a sandbox with other options: it closes this test's sandbox, starts
 * another with a token and hands them to `use` likewise.
 */
export function eachSandboxWithToken(
  use: (next: { h: Harness; token: string }) => void,
): (options?: SandboxOptions) => Promise<void> {
  let h: Harness | undefined;
  const restart = async (options: SandboxOptions = {}) => {
    await h?.close();
    h = await startSandbox(options);
    use({ h, token: await h.token() });
  };
  beforeEach(() => restart());
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  return restart;
}

/** Starts a sandbox on loopback with a manual clock; `close()` in afterEach. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Harness> {
  const clock = manualClock();
  const sandbox = createSandbox({ now: clock.now, ...options });
  const base = await sandbox.listen();

  const request: Harness['request'] = async (path, { method = 'GET', body, rawBody } = {}) => {
    const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    const res = await fetch(`${base}${path}`, { method, body: payload });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: res.status, contentType: res.headers.get('content-type'), text, json };
  };

  const openPage = (path: string, query: Record<string, string | undefined>, { cookie }: { cookie?: string }) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    return fetch(`${base}${path}?${params.toString()}`, {
      redirect: 'manual',
      headers: cookie === undefined ? {} : { cookie },
    });
  };

  const harness: Harness = {
    sandbox,
    base,
    clock,
    request,
    wecom: (api, { method, query = {}, body, rawBody } = {}) =>
      request(`/cgi-bin/${api}?${new URLSearchParams(query).toString()}`, {
        method: method ?? (body === undefined && rawBody === undefined ? 'GET' : 'POST'),
        body,
        rawBody,
      }),
    async token() {
      const answer = await harness.wecom('gettoken', {
        query: { corpid: sandbox.credentials.corpId, corpsecret: sandbox.credentials.corpSecret },
      });
      const token = answer.json?.access_token;
      if (typeof token !== 'string') throw new Error(`gettoken failed: ${answer.text}`);
      return token;
    },
    login: (query) =>
      request(
        `/sns/jscode2session?${new URLSearchParams({
          appid: sandbox.credentials.miniAppId,
          secret: sandbox.credentials.miniSecret,
          grant_type: 'authorization_code',
          ...query,
        }).toString()}`,
      ),
    authorize(query = {}, { cookie } = {}) {
      const params = new URLSearchParams();
      const all: Record<string, string | undefined> = {
        appid: sandbox.credentials.mpAppId,
        redirect_uri: 'http://localhost:3000/h5/callback',
        response_type: 'code',
        scope: 'snsapi_base',
        state: 'STATE',
        ...query,
      };
      for (const [key, value] of Object.entries(all)) if (value !== undefined) params.set(key, value);
      return fetch(`${base}/connect/oauth2/authorize?${params.toString()}`, {
        redirect: 'manual',
        headers: cookie === undefined ? {} : { cookie },
      });
    },
    async oauthCode(user) {
      const res = await harness.authorize({}, user === undefined ? {} : { cookie: `sandbox_wx_user=${user}` });
      const code = new URL(res.headers.get('location') ?? 'http://invalid/').searchParams.get('code');
      if (res.status !== 302 || !code) throw new Error(`authorize did not redirect with a code: ${res.status}`);
      return code;
    },
    memberAuthorize: (query = {}, init = {}) =>
      openPage(
        '/connect/oauth2/authorize',
        {
          appid: sandbox.credentials.corpId,
          redirect_uri: 'http://localhost:3000/staff/callback',
          response_type: 'code',
          scope: 'snsapi_base',
          state: 'STATE',
          agentid: sandbox.credentials.agentId,
          ...query,
        },
        init,
      ),
    ssoLogin: (query = {}, init = {}) =>
      openPage(
        '/wwlogin/sso/login',
        {
          login_type: 'CorpApp',
          appid: sandbox.credentials.corpId,
          agentid: sandbox.credentials.agentId,
          redirect_uri: 'http://localhost:3000/staff/callback',
          state: 'STATE',
          ...query,
        },
        init,
      ),
    async getUserInfo(query) {
      const accessToken = 'access_token' in query ? query.access_token : await harness.token();
      return harness.wecom('auth/getuserinfo', { query: { access_token: accessToken, ...query } });
    },
    oauthToken: (query) =>
      request(
        `/sns/oauth2/access_token?${new URLSearchParams({
          appid: sandbox.credentials.mpAppId,
          secret: sandbox.credentials.mpSecret,
          grant_type: 'authorization_code',
          ...query,
        }).toString()}`,
      ),
    stableToken: (body = {}) =>
      request('/cgi-bin/stable_token', {
        method: 'POST',
        body: {
          grant_type: 'client_credential',
          appid: sandbox.credentials.mpAppId,
          secret: sandbox.credentials.mpSecret,
          ...body,
        },
      }),
    async mpToken() {
      const answer = await harness.stableToken();
      const token = answer.json?.access_token;
      if (typeof token !== 'string') throw new Error(`stable_token failed: ${answer.text}`);
      return token;
    },
    close: () => sandbox.close(),
  };
  return harness;
}

export { SANDBOX_CREDENTIALS };
