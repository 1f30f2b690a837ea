import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { UpstreamError } from '../errors/upstream-error';
import type { Store } from '../store/store';
import { createAccessTokenProvider } from '../upstream/access-token-provider';
import { TransportError, type JsonTransport } from '../upstream/json-transport';

export interface OfficialAccountOptions {
  appId: string;
  secret: string;
  /** Origin such as `https://api.weixin.qq.com`. */
  apiBase: string;
  transport: JsonTransport;
  store: Store;
  logger: Logger;
  now?: () => number;
  onSecret?: (secret: string) => void;
}

/** WeChat's codes for a token it does not accept (any more). */
const TOKEN_REFUSED = new Set([40001, 40014, 42001]);

interface Answer {
  errcode?: number;
  errmsg?: string;
  access_token?: unknown;
  ticket?: unknown;
  expires_in?: unknown;
}

/**
 * The service account's server-side credentials: its access token from `cgi-bin/stable_token` (not
 * `cgi-bin/token`, whose every call invalidates the token other instances hold) and the JS-SDK `jsapi_ticket`.
 * Both are cached in the store until shortly before expiry and fetched once for concurrent callers; a ticket call
 * refused for its token refreshes the token and tries once more.
 */
export function createOfficialAccount({
  appId,
  secret,
  apiBase,
  transport,
  store,
  logger,
  now = Date.now,
  onSecret,
}: OfficialAccountOptions) {
  async function call(
    api: string,
    method: 'GET' | 'POST',
    query: Record<string, string>,
    body?: unknown,
  ): Promise<Answer> {
    const started = performance.now();
    try {
      const qs = new URLSearchParams(query).toString();
      const answer = (await transport({
        method,
        url: `${apiBase}/cgi-bin/${api}${qs ? `?${qs}` : ''}`,
        body,
      })) as Answer;
      const errcode = typeof answer?.errcode === 'number' ? answer.errcode : 0;
      logger.info(
        { event: 'upstream', api, method, errcode, latencyMs: Math.round(performance.now() - started) },
        'wechat call',
      );
      return { ...answer, errcode };
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      logger.warn({ event: 'upstream', api, method, failure: err.failure }, 'wechat call failed');
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', api, undefined, err.failure, { retryAfter: 2, cause: err });
    }
  }

  const refused = (api: string, answer: Answer) => {
    const errcode = answer.errcode ?? 0;
    if (errcode === -1)
      return new UpstreamError('UPSTREAM_UNAVAILABLE', api, errcode, 'system busy', { retryAfter: 2 });
    if (errcode === 45009)
      return new UpstreamError('UPSTREAM_RATE_LIMITED', api, errcode, 'frequency limit', { retryAfter: 60 });
    logger.error({ event: 'upstream_misconfigured', api, errcode }, 'WeChat refused the service account');
    return new UpstreamError('UPSTREAM_MISCONFIGURED', api, errcode, `errcode ${errcode}: ${answer.errmsg ?? ''}`);
  };

  const grant = (api: string, answer: Answer, field: 'access_token' | 'ticket') => {
    const value = answer[field];
    if (typeof value !== 'string' || !value)
      throw new UpstreamError('UPSTREAM_ERROR', api, 0, `answer without ${field}`);
    onSecret?.(value);
    const expiresIn = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 7200;
    return { token: value, expiresInSeconds: expiresIn };
  };

  const keyPart = `${appId}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
  const tokens = createAccessTokenProvider({
    store,
    key: `wechat:mp-token:${keyPart}`,
    now,
    failureCooldownMs: (err) => (err instanceof UpstreamError && err.code === 'UPSTREAM_MISCONFIGURED' ? 30_000 : 0),
    fetch: async () => {
      const answer = await call(
        'stable_token',
        'POST',
        {},
        { grant_type: 'client_credential', appid: appId, secret, force_refresh: false },
      );
      if (answer.errcode) throw refused('stable_token', answer);
      return grant('stable_token', answer, 'access_token');
    },
  });

  const tickets = createAccessTokenProvider({
    store,
    key: `wechat:jsapi-ticket:${keyPart}`,
    now,
    fetch: async () => {
      for (let attempt = 1; ; attempt++) {
        const token = await tokens.get();
        const answer = await call('ticket/getticket', 'GET', { access_token: token, type: 'jsapi' });
        if (!answer.errcode) return grant('ticket/getticket', answer, 'ticket');
        if (!TOKEN_REFUSED.has(answer.errcode) || attempt >= 2) throw refused('ticket/getticket', answer);
        await tokens.invalidate(token);
      }
    },
  });

  return {
    appId,
    /** The current `jsapi_ticket`. */
    jsapiTicket: () => tickets.get(),
  };
}

export type OfficialAccount = ReturnType<typeof createOfficialAccount>;
