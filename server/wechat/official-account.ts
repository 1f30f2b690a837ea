import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { UpstreamError } from '../errors/upstream-error';
import type { Store } from '../store/store';
import { createAccessTokenProvider } from '../upstream/access-token-provider';
import type { JsonTransport } from '../upstream/json-transport';
import { wechatCall, wechatRefusal, type WechatAnswer } from './wechat-call';

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
  const caller = { transport, logger, apiBase };

  const grant = (api: string, answer: WechatAnswer, field: 'access_token' | 'ticket') => {
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
      const answer = await wechatCall(caller, 'cgi-bin/stable_token', {
        method: 'POST',
        body: { grant_type: 'client_credential', appid: appId, secret, force_refresh: false },
      });
      if (answer.errcode) throw wechatRefusal(logger, 'cgi-bin/stable_token', answer, 'the service account token');
      return grant('cgi-bin/stable_token', answer, 'access_token');
    },
  });

  const tickets = createAccessTokenProvider({
    store,
    key: `wechat:jsapi-ticket:${keyPart}`,
    now,
    fetch: async () => {
      for (let attempt = 1; ; attempt++) {
        const token = await tokens.get();
        const answer = await wechatCall(caller, 'cgi-bin/ticket/getticket', {
          query: { access_token: token, type: 'jsapi' },
        });
        if (!answer.errcode) return grant('cgi-bin/ticket/getticket', answer, 'ticket');
        if (!TOKEN_REFUSED.has(answer.errcode) || attempt >= 2) {
          throw wechatRefusal(logger, 'cgi-bin/ticket/getticket', answer, 'the JS-SDK ticket');
        }
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
