import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import supertest from 'supertest';
import { SANDBOX_ANCHORS, SANDBOX_LIVES } from '../../../sandbox';
import { loadConfig } from '../../../server/config/config';
import { SESSION_SECRET, startHarness, type Harness } from '../harness';
import { staffSignIn } from '../sign-in/staff-session';
import type { CredentialKind, FuzzRequest, KnownValues, OpenApiDocument } from './openapi-arbitraries';

/**
 * The BFF the fuzzer talks to: the in-process harness (createApp + sandbox over loopback) with push on, an https
 * public origin reached over http (TLS terminated in front, as in production), the hot card path on (`info` logging, as in production), our per-client limits raised so that requests reach the handlers
 * rather than stopping at a 429, and a real viewer (mini program bearer, H5 cookie), staff member and manager signed
 * in. `send` turns a generated request into a real one; `problemsWith` is the property.
 */

/** A made-up callback Token and EncodingAESKey, so the callback routes are live (push on). */
const CALLBACK = { token: 'FuzzCallbackToken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

export interface Answer {
  request: FuzzRequest;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text (binary bodies as latin1), for the secret check. */
  text: string;
  /** Set when no HTTP answer came at all (connection reset, timeout). */
  transportError?: string;
  ms: number;
}

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Replaces a JWT's payload (keeping header and signature): what a tamperer does. */
function tamper(token: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${b64url(change(claims))}.${signature}`;
}

async function sign(claims: Record<string, unknown>, secret: string, audience: string, exp: number | undefined) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('wecom-live-bff')
    .setAudience(audience)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200);
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(createHash('sha256').update(secret).digest());
}

/** `name=value` of the cookie a response sets under `name`. */
function cookiePair(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const all = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return all.map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`));
}

export interface FuzzTargetOptions {
  /**
   * PUBLIC_ORIGIN. https by default, as in production, while requests reach the BFF over plain http: the BFF behind
   * TLS termination.
   */
  publicOrigin?: string;
}

export async function startFuzzTarget({ publicOrigin = 'https://live.example.com' }: FuzzTargetOptions = {}) {
  const base = loadConfig({ SANDBOX: '1' });
  const h: Harness = await startHarness({
    logLevel: 'info',
    config: {
      publicOrigin,
      liveAnchors: [...SANDBOX_ANCHORS],
      callback: CALLBACK,
      staff: { ...base.staff, agentId: '1000002', userIds: ['zhaomin', 'lifang'], managers: ['lifang'] },
      limits: {
        ...base.limits,
        loginsPerIpPerMinute: 1_000_000,
        codesPerSessionPerMinute: 1_000_000,
        codesPerIpPerMinute: 1_000_000,
      },
    },
  });
  // One listening server for the whole run (supertest would otherwise start one per request).
  const server: Server = createServer(h.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const http = supertest(server);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const doc = (await http.get('/openapi.json').expect(200)).body as OpenApiDocument;

  // Real credentials, signed in the way clients do.
  const viewer = await h.login('fuzz-viewer-login');
  const h5Start = await http.get('/api/session/h5').query({ returnTo: '/' }).expect(302);
  const approved = await fetch(h5Start.headers.location as string, { redirect: 'manual' });
  const h5Back = new URL(approved.headers.get('location')!);
  const h5Landed = await http
    .get(`${h5Back.pathname}${h5Back.search}`)
    .set('Cookie', cookiePair(h5Start, 'wlv_oauth')!)
    .expect(302);
  const viewerCookie = cookiePair(h5Landed, 'wlv_session')!;
  const staffTarget = { http, sandbox: h.sandbox };
  // staffSessionCookie's own check uses jest's expect; the bench runs this outside jest.
  const staffSessionCookie = async (...args: Parameters<typeof staffSignIn>) => {
    const callback = await staffSignIn(...args);
    const cookie = callback.status === 302 ? cookiePair(callback, 'wlv_staff') : undefined;
    if (!cookie) throw new Error(`staff sign-in of ${args[1]} answered ${callback.status}`);
    return cookie;
  };
  let staffCookie = await staffSessionCookie(staffTarget, 'zhaomin');
  let managerCookie = await staffSessionCookie(staffTarget, 'lifang');
  const staffToken = () => staffCookie.slice('wlv_staff='.length);

  // Forged, expired and foreign ones.
  const past = Math.floor(Date.now() / 1000) - 3600;
  const future = Math.floor(Date.now() / 1000) + 3600;
  const viewerClaims = { sub: 'oFuzzForgedOpenid0000000000', app: h.config.wechat.miniAppId, via: 'weapp' };
  const forged = {
    viewerWrongKey: await sign(viewerClaims, 'not-the-session-secret-but-as-long-as-one-0123', 'viewer', future),
    viewerExpired: await sign(viewerClaims, SESSION_SECRET, 'viewer', past),
    viewerUnsigned: `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...viewerClaims, iss: 'wecom-live-bff', aud: 'viewer', exp: future })}.`,
    viewerForeignApp: await sign({ ...viewerClaims, app: 'wx0000000000foreign' }, SESSION_SECRET, 'viewer', future),
    viewerNoExp: await sign(viewerClaims, SESSION_SECRET, 'viewer', undefined),
    viewerTampered: tamper(viewer.token, (c) => ({ ...c, sub: 'oSomeoneElse000000000000000' })),
    managerWrongKey: await sign(
      { sub: 'lifang', role: 'manager' },
      'staff:wrong-secret-0123456789abcdef',
      'staff',
      future,
    ),
    staffExpired: await sign({ sub: 'zhaomin', role: 'staff' }, `staff:${SESSION_SECRET}`, 'staff', past),
  };

  /** The headers a credential kind sends; read at send time, so refreshed sessions are used. */
  function credentialHeaders(kind: CredentialKind): Record<string, string> {
    switch (kind) {
      case 'anonymous':
        return {};
      case 'viewerBearer':
        return { Authorization: `Bearer ${viewer.token}` };
      case 'viewerCookie':
        return { Cookie: viewerCookie };
      case 'staff':
        return { Cookie: staffCookie };
      case 'manager':
        return { Cookie: managerCookie };
      case 'viewerWrongKey':
      case 'viewerExpired':
      case 'viewerUnsigned':
      case 'viewerForeignApp':
      case 'viewerNoExp':
      case 'viewerTampered':
        return kind.length % 2
          ? { Authorization: `Bearer ${forged[kind]}` }
          : { Cookie: `wlv_session=${forged[kind]}` };
      case 'viewerTokenAsStaffCookie':
        return { Cookie: `wlv_staff=${viewer.token}` };
      case 'staffTokenAsBearer':
        return { Authorization: `Bearer ${staffToken()}` };
      case 'staffTokenAsViewerCookie':
        return { Cookie: `wlv_session=${staffToken()}` };
      case 'managerWrongKey':
      case 'staffExpired':
        return { Cookie: `wlv_staff=${forged[kind]}` };
      case 'staffTampered':
        return { Cookie: `wlv_staff=${tamper(staffToken(), (c) => ({ ...c, role: 'manager', sub: 'lifang' }))}` };
      case 'garbageBearer':
        return { Authorization: 'Bearer not.a.token' };
      case 'basicAuth':
        return { Authorization: 'Basic YWRtaW46YWRtaW4=' };
      case 'emptyBearer':
        return { Authorization: 'Bearer ' };
      case 'longBearer':
        return { Authorization: `Bearer ${'a'.repeat(3000)}` };
      case 'junkCookies':
        return { Cookie: 'wlv_session=%; wlv_staff=%%zz; wlv_oauth=; =; a; wlv_staff="x"; __proto__=1' };
      case 'viewerAndStaffTogether':
        return { Authorization: `Bearer ${viewer.token}`, Cookie: `${managerCookie}; ${viewerCookie}` };
    }
  }

  const known: KnownValues = {
    livingIds: Object.values(SANDBOX_LIVES),
    userIds: ['zhaomin', 'lifang', ...SANDBOX_ANCHORS],
    publicOrigin: h.config.publicOrigin,
  };

  /** Every secret the BFF must never show: the sandbox's (app secrets, tokens it issued, …) and our own. */
  function secrets(): string[] {
    return [...h.sandbox.secrets(), SESSION_SECRET, CALLBACK.token, CALLBACK.encodingAesKey];
  }

  let sent = 0;

  /** Sends one generated request; never throws (a request that got no answer says so in `transportError`). */
  async function send(request: FuzzRequest): Promise<Answer> {
    sent += 1;
    const started = performance.now();
    const url = request.query ? `${request.path}?${request.query}` : request.path;
    const method = request.method as 'get';
    let test = http[method](url).timeout(15_000).buffer(true);
    const headers = { ...request.headers, ...credentialHeaders(request.credential) };
    for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
    // Exactly these bytes: superagent would serialize a JSON-typed body again (a Buffer as {"type":"Buffer",…}) and
    // give an untyped string body a form content type.
    if (request.body !== undefined)
      test = test.serialize((raw: unknown) => raw as string).send(Buffer.from(request.body));
    try {
      const res = await test.ok(() => true);
      const body: unknown = res.body;
      const text = Buffer.isBuffer(body) ? body.toString('latin1') : (res.text ?? JSON.stringify(body) ?? '');
      const answer: Answer = {
        request,
        status: res.status,
        headers: res.headers as Answer['headers'],
        text,
        ms: performance.now() - started,
      };
      // A signed-out staff member or manager signs in again, so the rest of the run still reaches staff routes.
      if (request.path.includes('logout') && res.status < 400) {
        staffCookie = await staffSessionCookie(staffTarget, 'zhaomin');
        managerCookie = await staffSessionCookie(staffTarget, 'lifang');
      }
      return answer;
    } catch (err) {
      const e = err as Error & { code?: string };
      return {
        request,
        status: 0,
        headers: {},
        text: '',
        transportError: `${e.code ?? e.name}: ${e.message}`,
        ms: performance.now() - started,
      };
    }
  }

  /**
   * What is wrong with an answer: a 5xx other than a 503 with Retry-After, no answer at all, or a secret in its
   * headers or body. Empty when it is fine.
   */
  function problemsWith(answer: Answer): string[] {
    const problems: string[] = [];
    if (answer.transportError) problems.push(`no answer: ${answer.transportError}`);
    else if (answer.status >= 500 && !(answer.status === 503 && answer.headers['retry-after'])) {
      problems.push(`answered ${answer.status}${answer.status === 503 ? ' without Retry-After' : ''}: ${answer.text}`);
    }
    const seen = `${JSON.stringify(answer.headers)}\n${answer.text}`;
    for (const secret of secrets())
      if (secret && seen.includes(secret)) problems.push(`leaks a secret: ${secret.slice(0, 4)}…`);
    return problems;
  }

  /** Log lines at error level or above written since `from`: the stacks of unexpected errors. */
  function errorLogsSince(from: number): string[] {
    return h.logs.lines.slice(from).filter((line) => {
      const parsed = JSON.parse(line) as { level?: number; event?: string };
      return (parsed.level ?? 0) >= 50 || parsed.event === 'unhandled_error';
    });
  }

  /** Whether the BFF still serves its health check and a real card. */
  async function stillAlive(): Promise<{ healthz: number; card: number; livingId: unknown }> {
    const healthz = await http.get('/healthz');
    const card = await http.get(`/api/lives/${SANDBOX_LIVES.living}`);
    return { healthz: healthz.status, card: card.status, livingId: card.body?.livingId };
  }

  async function close() {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    await h.close();
  }

  return {
    h,
    doc,
    known,
    origin,
    send,
    problemsWith,
    errorLogsSince,
    stillAlive,
    secrets,
    requestsSent: () => sent,
    close,
  };
}

export type FuzzTarget = Awaited<ReturnType<typeof startFuzzTarget>>;

/** A request as a line a person can replay with curl (credentials by kind, not value). */
export function describeRequest(r: FuzzRequest): string {
  const url = r.query ? `${r.path}?${r.query}` : r.path;
  const body =
    r.body === undefined
      ? ''
      : ` body=${JSON.stringify(r.body.length > 300 ? `${r.body.slice(0, 300)}…(${r.body.length} chars)` : r.body)}`;
  return `${r.method.toUpperCase()} ${url.length > 300 ? `${url.slice(0, 300)}…` : url} as ${r.credential} headers=${JSON.stringify(r.headers)}${body} [${r.route}]`;
}
