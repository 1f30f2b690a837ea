import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { UpstreamError } from '../errors/upstream-error';
import type { Store } from '../store/store';
import { createAccessTokenProvider } from '../upstream/access-token-provider';
import { createApiGate, type GateState } from '../upstream/api-gate';
import { backoffDelay, sleep, type BackoffOptions } from '../upstream/backoff';
import { createConcurrencyLimit } from '../upstream/concurrency-limit';
import { TransportError, type JsonTransport } from '../upstream/json-transport';
import { CONFIGURATION_ERRCODES, FREQUENCY_LIMIT, SYSTEM_BUSY, TOKEN_REFUSED, TOO_MANY_CONCURRENT } from './errcodes';

export interface WecomClientOptions {
  corpId: string;
  secret: string;
  /** Origin such as `https://qyapi.weixin.qq.com`; paths `/cgi-bin/...` are appended. */
  apiBase: string;
  transport: JsonTransport;
  store: Store;
  logger: Logger;
  now?: () => number;
  /** Retries after errcode -1 or a transport failure. */
  maxRetries?: number;
  backoff?: BackoffOptions;
  /** Calls in flight per API at most. */
  maxConcurrentPerApi?: number;
  /** After retries are exhausted on an outage, fail fast for this long instead of waiting on timeouts again. */
  outageHoldMs?: number;
  /** 45009: WeCom's minute window. */
  rateLimitHoldMs?: number;
  /** 45033: a short pause before calling again. */
  concurrencyHoldMs?: number;
  /** gettoken refused as misconfigured: do not ask again for this long (failing gettoken calls get the app blocked). */
  tokenFailureCooldownMs?: number;
  /** Told about every token fetched, so logs can scrub it. */
  onSecret?: (secret: string) => void;
}

export interface WecomRequest {
  method: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
}

/** The fields every WeCom answer has; `errcode` 0 means success. */
export interface WecomAnswer {
  errcode?: number;
  errmsg?: string;
}

/**
 * The only caller of WeCom. It owns the access token (cached per corp id + secret, fetched once for concurrent
 * callers, refreshed once when refused), retries "system busy" with back-off a bounded number of times, holds
 * an API back after its frequency limit, and turns every non-zero errcode into an `UpstreamError`.
 */
export function createWecomClient({
  corpId,
  secret,
  apiBase,
  transport,
  store,
  logger,
  now = Date.now,
  maxRetries = 2,
  backoff,
  maxConcurrentPerApi = 32,
  outageHoldMs = 2000,
  rateLimitHoldMs = 60_000,
  concurrencyHoldMs = 1000,
  tokenFailureCooldownMs = 30_000,
  onSecret,
}: WecomClientOptions) {
  const gate = createApiGate(store, now);
  const limits = new Map<string, ReturnType<typeof createConcurrencyLimit>>();
  const limitFor = (api: string) => {
    let limit = limits.get(api);
    if (!limit) limits.set(api, (limit = createConcurrencyLimit(maxConcurrentPerApi)));
    return limit;
  };

  const url = (api: string, query: Record<string, string>) =>
    `${apiBase}/cgi-bin/${api}?${new URLSearchParams(query).toString()}`;

  const heldError = (api: string, hold: GateState) => {
    const retryAfter = Math.max(1, Math.ceil((hold.until - now()) / 1000));
    return hold.reason === 'rate_limited'
      ? new UpstreamError('UPSTREAM_RATE_LIMITED', api, FREQUENCY_LIMIT, 'held back after a frequency limit', {
          retryAfter,
        })
      : new UpstreamError('UPSTREAM_UNAVAILABLE', api, undefined, 'held back after an outage', { retryAfter });
  };

  /** One logical request: transport failures and errcode -1 are retried with back-off; other answers returned. */
  async function send(api: string, method: 'GET' | 'POST', query: Record<string, string>, body?: unknown) {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const answer = (await limitFor(api)(() => transport({ method, url: url(api, query), body }))) as WecomAnswer;
        const errcode = typeof answer?.errcode === 'number' ? answer.errcode : 0;
        const latencyMs = Math.round(performance.now() - started);
        logger.info({ event: 'upstream', api, method, attempt, errcode, latencyMs }, 'wecom call');
        if (errcode !== SYSTEM_BUSY) return answer;
        if (attempt > maxRetries) {
          await gate.close(api, 'unavailable', outageHoldMs);
          throw new UpstreamError('UPSTREAM_UNAVAILABLE', api, errcode, `system busy after ${attempt} attempts`, {
            retryAfter: Math.ceil(outageHoldMs / 1000),
          });
        }
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        const latencyMs = Math.round(performance.now() - started);
        logger.warn(
          { event: 'upstream', api, method, attempt, failure: err.failure, status: err.status, latencyMs },
          'wecom call failed',
        );
        if (attempt > maxRetries || err.failure === 'too_large') {
          await gate.close(api, 'unavailable', outageHoldMs);
          throw new UpstreamError('UPSTREAM_UNAVAILABLE', api, undefined, `${err.failure} after ${attempt} attempts`, {
            retryAfter: Math.ceil(outageHoldMs / 1000),
            cause: err,
          });
        }
      }
      await sleep(backoffDelay(attempt - 1, backoff));
    }
  }

  /** Any non-zero errcode that is not about the token: decide what it means and remember holds. */
  async function refusal(api: string, answer: WecomAnswer): Promise<UpstreamError> {
    const errcode = answer.errcode ?? 0;
    const detail = `errcode ${errcode}: ${answer.errmsg ?? ''}`.trim();
    if (errcode === FREQUENCY_LIMIT || errcode === TOO_MANY_CONCURRENT) {
      const holdMs = errcode === FREQUENCY_LIMIT ? rateLimitHoldMs : concurrencyHoldMs;
      await gate.close(api, 'rate_limited', holdMs);
      logger.warn({ event: 'upstream_limited', api, errcode, holdMs }, 'wecom limit reached; holding calls back');
      return new UpstreamError('UPSTREAM_RATE_LIMITED', api, errcode, detail, { retryAfter: Math.ceil(holdMs / 1000) });
    }
    const problem = CONFIGURATION_ERRCODES.get(errcode);
    if (problem) {
      logger.error({ event: 'upstream_misconfigured', api, errcode, problem }, `WeCom configuration error: ${problem}`);
      return new UpstreamError('UPSTREAM_MISCONFIGURED', api, errcode, detail);
    }
    return new UpstreamError('UPSTREAM_ERROR', api, errcode, detail);
  }

  const tokens = createAccessTokenProvider({
    store,
    // The secret identifies the app; only a digest of it goes into a key another process could read.
    key: `wecom:token:${corpId}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`,
    now,
    failureCooldownMs: (err) =>
      err instanceof UpstreamError && err.code === 'UPSTREAM_MISCONFIGURED' ? tokenFailureCooldownMs : 0,
    fetch: async () => {
      const hold = await gate.check('gettoken');
      if (hold) throw heldError('gettoken', hold);
      const answer = (await send('gettoken', 'GET', { corpid: corpId, corpsecret: secret })) as WecomAnswer & {
        access_token?: unknown;
        expires_in?: unknown;
      };
      if (answer.errcode) throw await refusal('gettoken', answer);
      if (typeof answer.access_token !== 'string' || !answer.access_token) {
        throw new UpstreamError('UPSTREAM_ERROR', 'gettoken', 0, 'answer without access_token');
      }
      onSecret?.(answer.access_token);
      const expiresIn = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 7200;
      return { token: answer.access_token, expiresInSeconds: expiresIn };
    },
  });

  return {
    /**
     * Calls `cgi-bin/<api>` with the access token, refreshing and retrying exactly once if WeCom refuses the
     * token. Resolves with the answer when errcode is 0; otherwise rejects with an `UpstreamError`.
     */
    async call<T extends object>(api: string, { method, query = {}, body }: WecomRequest): Promise<T & WecomAnswer> {
      const hold = await gate.check(api);
      if (hold) throw heldError(api, hold);
      for (let tokenAttempt = 1; ; tokenAttempt++) {
        const token = await tokens.get();
        const answer = await send(api, method, { ...query, access_token: token }, body);
        const errcode = answer.errcode ?? 0;
        if (errcode === 0) return answer as T & WecomAnswer;
        if (!TOKEN_REFUSED.has(errcode)) throw await refusal(api, answer);
        await tokens.invalidate(token);
        if (tokenAttempt >= 2) {
          logger.error({ event: 'upstream_misconfigured', api, errcode }, 'WeCom refused a fresh access token');
          throw new UpstreamError('UPSTREAM_MISCONFIGURED', api, errcode, 'access token refused after a refresh');
        }
      }
    },
  };
}

export type WecomClient = ReturnType<typeof createWecomClient>;
