import type { Logger } from 'pino';
import { UpstreamError } from '../errors/upstream-error';
import { TransportError, type JsonTransport } from '../upstream/json-transport';

export interface WechatCaller {
  transport: JsonTransport;
  logger: Logger;
  /** Origin such as `https://api.weixin.qq.com`. */
  apiBase: string;
}

/** A WeChat answer with `errcode` made explicit (success answers often leave it out). */
export type WechatAnswer = Record<string, unknown> & { errcode: number; errmsg?: string };

/**
 * One call to a WeChat server API (`sns/...`, `cgi-bin/...`), logged with its errcode and latency. A transport
 * failure becomes `UPSTREAM_UNAVAILABLE`; interpreting errcodes is left to the caller, since each API has its own.
 * The URL is never logged: it carries the app secret or a token.
 */
export async function wechatCall(
  { transport, logger, apiBase }: WechatCaller,
  api: string,
  {
    method = 'GET',
    query = {},
    body,
  }: { method?: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown } = {},
): Promise<WechatAnswer> {
  const qs = new URLSearchParams(query).toString();
  const started = performance.now();
  try {
    const answer = (await transport({ method, url: `${apiBase}/${api}${qs ? `?${qs}` : ''}`, body })) as Record<
      string,
      unknown
    >;
    const errcode = typeof answer?.errcode === 'number' ? answer.errcode : 0;
    logger.info(
      { event: 'upstream', api, method, errcode, latencyMs: Math.round(performance.now() - started) },
      'wechat call',
    );
    return { ...answer, errcode } as WechatAnswer;
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    logger.warn({ event: 'upstream', api, method, failure: err.failure }, 'wechat call failed');
    throw new UpstreamError('UPSTREAM_UNAVAILABLE', api, undefined, err.failure, { retryAfter: 2, cause: err });
  }
}

/** What a non-zero errcode means when it is not about the request itself: busy, limited, or misconfigured. */
export function wechatRefusal(logger: Logger, api: string, answer: WechatAnswer, what: string): UpstreamError {
  const { errcode } = answer;
  if (errcode === -1) return new UpstreamError('UPSTREAM_UNAVAILABLE', api, errcode, 'system busy', { retryAfter: 2 });
  if (errcode === 45009)
    return new UpstreamError('UPSTREAM_RATE_LIMITED', api, errcode, 'frequency limit', { retryAfter: 60 });
  logger.error({ event: 'upstream_misconfigured', api, errcode }, `WeChat refused ${what}`);
  return new UpstreamError('UPSTREAM_MISCONFIGURED', api, errcode, `errcode ${errcode}: ${answer.errmsg ?? ''}`);
}
