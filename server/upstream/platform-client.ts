import type { Logger } from 'pino';
import { UpstreamError, malformedAnswer } from '../errors/upstream-error';
import type { Store } from '../store/store';
import { createAccessTokenProvider, type TokenGrant } from './access-token-provider';
import { createApiGate, type GateState } from './api-gate';
import { backoffDelay, sleep } from './backoff';
import { createConcurrencyLimit } from './concurrency-limit';
import { credentialKey } from './credential-key';
import { TransportError, type JsonTransport } from './json-transport';
import type { PlatformErrcodes } from './platform-errcodes';
import type { UpstreamPolicy } from './upstream-policy';
import type { Admission, CallBudget, Headroom } from '../budget/call-budget';

export interface PlatformRequest {
  method: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
  /** Who waits in line (in arrival order) when the API's budget is spent, e.g. a viewer; nobody by default. */
  queueAs?: string;
  /**
   * The call is made ahead of need (a code prepared before anyone taps): every attempt spends only headroom above
   * this reserve, and none waits in line (see `CallBudget.admitAhead`). Refused: `UPSTREAM_RATE_LIMITED`.
   */
  ahead?: Headroom;
  /**
   * The call is not safe to repeat (it creates something): it leaves at most once, and a lost answer or "busy" is
   * an outage for the caller to look into rather than a retry that might do it twice. A token the platform refused
   * is still refreshed and the call sent again: nothing was done with it.
   */
  once?: boolean;
}

/** The fields every answer has; `errcode` 0 (or none) means success. */
export interface PlatformAnswer {
  errcode?: number;
  errmsg?: string;
}

/** How a platform hands out a value that lasts `expires_in` seconds: an access token, a JS-SDK ticket. */
export interface GrantSpec {
  /** What is granted, for its store key (`token`, `jsapi-ticket`); the app id and a secret digest are added. */
  name: string;
  api: string;
  request: PlatformRequest;
  /** The answer's field that holds the value. */
  field: string;
}

/** What every platform client is given besides its app's credentials: how to reach out, remember and report. */
export interface PlatformConnection {
  transport: JsonTransport;
  store: Store;
  logger: Logger;
  now?: () => number;
  /** Told about every token and ticket granted, so logs can scrub it. */
  onSecret?: (secret: string) => void;
  /** Told about every attempt that left: its errcode, or how the transport failed (for metrics). */
  onCall?: (platform: string, api: string, outcome: { errcode: number } | { failure: string }) => void;
}

export interface PlatformClientOptions extends PlatformConnection {
  /** `wecom` or `wechat`: named in logs and in store keys. */
  platform: string;
  /** Every API name is appended to this, e.g. `https://qyapi.weixin.qq.com/cgi-bin/`. */
  apiRoot: string;
  /** The app calling: its tokens and its limits are its own. */
  credentials: { id: string; secret: string };
  /** How this app gets its access token (a call made without one). */
  accessToken: GrantSpec;
  errcodes: PlatformErrcodes;
  policy: UpstreamPolicy;
  /** Checked before every call that leaves; none = the platform's own limits are the only ones. */
  budget?: CallBudget;
}

/** A lifetime in seconds a platform omitted or garbled: both platforms document 7200. */
const DEFAULT_EXPIRES_IN = 7200;

/**
 * The one way this BFF calls a platform: token → call → classify the errcode → retry, refresh or hold → typed
 * error. It owns the app's access token (cached per app id + secret, fetched once for concurrent callers,
 * refreshed once when refused), retries "busy" and transport failures with back-off a bounded number of times,
 * holds an API back after a limit or an outage, and turns every non-zero errcode into an `UpstreamError`. The URL
 * is never logged: it carries a secret or a token.
 */
export function createPlatformClient({
  platform,
  apiRoot,
  credentials,
  accessToken,
  errcodes,
  policy,
  transport,
  store,
  logger,
  now = Date.now,
  onSecret,
  budget,
  onCall,
}: PlatformClientOptions) {
  const gate = createApiGate(store, `${platform}:${credentials.id}`, now);
  const limits = new Map<string, ReturnType<typeof createConcurrencyLimit>>();
  const limitFor = (api: string) => {
    let limit = limits.get(api);
    if (!limit) limits.set(api, (limit = createConcurrencyLimit(policy.maxConcurrentPerApi)));
    return limit;
  };

  const url = (api: string, query: Record<string, string>) => {
    const qs = new URLSearchParams(query).toString();
    return `${apiRoot}${api}${qs ? `?${qs}` : ''}`;
  };

  const heldError = (api: string, hold: GateState) => {
    const retryAfter = Math.max(1, Math.ceil((hold.until - now()) / 1000));
    return hold.reason === 'rate_limited'
      ? new UpstreamError('UPSTREAM_RATE_LIMITED', api, undefined, 'held back after a limit', { retryAfter })
      : new UpstreamError('UPSTREAM_UNAVAILABLE', api, undefined, 'held back after an outage', { retryAfter });
  };

  async function checkGate(api: string): Promise<void> {
    const hold = await gate.check(api);
    if (hold) throw heldError(api, hold);
  }

  async function outage(api: string, errcode: number | undefined, detail: string, cause?: unknown) {
    await gate.close(api, 'unavailable', policy.outageHoldMs);
    return new UpstreamError('UPSTREAM_UNAVAILABLE', api, errcode, detail, {
      retryAfter: Math.max(1, Math.ceil(policy.outageHoldMs / 1000)),
      cause,
    });
  }

  /**
   * Spends one call of the API's budget, or says when there will be one: a caller with a place in line learns its
   * position (503 `UPSTREAM_BUSY`), anyone else just when to retry.
   */
  async function spend(api: string, queueAs: string | undefined, ahead: Headroom | undefined): Promise<void> {
    if (!budget) return;
    const admission: Admission = ahead ? await budget.admitAhead(api, ahead) : await budget.admit(api, queueAs);
    if (admission.admitted) return;
    const retryAfter = Math.max(1, Math.ceil(admission.etaMs / 1000));
    if (admission.position !== undefined) {
      throw new UpstreamError('UPSTREAM_BUSY', api, undefined, `in line at ${admission.position}`, {
        retryAfter,
        queue: { position: admission.position, etaSeconds: retryAfter },
      });
    }
    throw new UpstreamError('UPSTREAM_RATE_LIMITED', api, undefined, 'budget spent', { retryAfter });
  }

  /**
   * One logical request: each attempt spends budget (only the first may queue); transport failures and "busy" are
   * retried with back-off; any other answer returned.
   */
  async function send(api: string, { method, query = {}, body, queueAs, ahead, once = false }: PlatformRequest) {
    const maxRetries = once ? 0 : policy.maxRetries;
    for (let attempt = 1; ; attempt++) {
      await spend(api, attempt === 1 ? queueAs : undefined, ahead);
      const started = performance.now();
      try {
        const answer = (await limitFor(api)(() => transport({ method, url: url(api, query), body }))) as
          (PlatformAnswer & Record<string, unknown>) | null;
        if (!answer || typeof answer !== 'object') throw malformedAnswer(api, 'answer is not a JSON object');
        const errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
        const latencyMs = Math.round(performance.now() - started);
        logger.info({ event: 'upstream', platform, api, method, attempt, errcode, latencyMs }, `${platform} call`);
        onCall?.(platform, api, { errcode });
        if (!errcodes.busy.has(errcode)) return { ...answer, errcode };
        if (attempt > maxRetries) throw await outage(api, errcode, `busy after ${attempt} attempts`);
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        const latencyMs = Math.round(performance.now() - started);
        logger.warn(
          { event: 'upstream', platform, api, method, attempt, failure: err.failure, status: err.status, latencyMs },
          `${platform} call failed`,
        );
        onCall?.(platform, api, { failure: err.failure });
        if (attempt > maxRetries || err.failure === 'too_large') {
          throw await outage(api, undefined, `${err.failure} after ${attempt} attempts`, err);
        }
      }
      await sleep(backoffDelay(attempt - 1, policy.backoff));
    }
  }

  /** A non-zero errcode that is not about the token: a limit (held), a configuration error (logged) or a refusal. */
  async function refusal(api: string, { errcode = 0, errmsg = '' }: PlatformAnswer): Promise<UpstreamError> {
    const detail = `errcode ${errcode}: ${errmsg}`.trim();
    const limit = errcodes.limited.get(errcode);
    if (limit) {
      const holdMs = limit === 'rate' ? policy.rateLimitHoldMs : policy.concurrencyHoldMs;
      await gate.close(api, 'rate_limited', holdMs);
      logger.warn(
        { event: 'upstream_limited', platform, api, errcode, holdMs },
        `${platform} limit reached; holding calls back`,
      );
      return new UpstreamError('UPSTREAM_RATE_LIMITED', api, errcode, detail, { retryAfter: Math.ceil(holdMs / 1000) });
    }
    const problem = errcodes.misconfigured.get(errcode);
    if (problem) {
      logger.error(
        { event: 'upstream_misconfigured', platform, api, errcode, problem },
        `${platform} configuration error: ${problem}`,
      );
      return new UpstreamError('UPSTREAM_MISCONFIGURED', api, errcode, detail);
    }
    return new UpstreamError('UPSTREAM_ERROR', api, errcode, detail);
  }

  /** The value of a grant answer, told to the scrubber before anything else sees it. */
  function granted(spec: GrantSpec, answer: Record<string, unknown>): TokenGrant {
    const value = answer[spec.field];
    if (typeof value !== 'string' || !value) throw malformedAnswer(spec.api, `answer without ${spec.field}`);
    onSecret?.(value);
    const expiresIn = answer.expires_in;
    return {
      token: value,
      expiresInSeconds: typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN,
    };
  }

  /** A call made with the app's credentials rather than a token (the token grant itself, sign-in exchanges). */
  async function callWithoutToken<T extends object>(
    api: string,
    request: PlatformRequest,
  ): Promise<T & PlatformAnswer> {
    await checkGate(api);
    const answer = await send(api, request);
    if (answer.errcode !== 0) throw await refusal(api, answer);
    return answer as T & PlatformAnswer;
  }

  const tokens = createAccessTokenProvider({
    store,
    key: credentialKey(platform, accessToken.name, credentials),
    now,
    failureCooldownMs: (err) =>
      err instanceof UpstreamError && err.code === 'UPSTREAM_MISCONFIGURED' ? policy.tokenFailureCooldownMs : 0,
    fetch: async () => granted(accessToken, await callWithoutToken(accessToken.api, accessToken.request)),
  });

  /**
   * Calls `api` with the access token, refreshing it and retrying exactly once if the platform refuses the token.
   * Resolves with the answer when errcode is 0; otherwise rejects with an `UpstreamError`.
   */
  async function call<T extends object>(
    api: string,
    { method, query = {}, body, queueAs, ahead, once }: PlatformRequest,
  ): Promise<T & PlatformAnswer> {
    await checkGate(api);
    for (let tokenAttempt = 1; ; tokenAttempt++) {
      const token = await tokens.get();
      const answer = await send(api, {
        method,
        query: { ...query, access_token: token },
        body,
        once,
        ahead,
        ...(tokenAttempt === 1 ? { queueAs } : {}),
      });
      if (answer.errcode === 0) return answer as T & PlatformAnswer;
      if (!errcodes.tokenRefused.has(answer.errcode)) throw await refusal(api, answer);
      await tokens.invalidate(token);
      if (tokenAttempt >= 2) {
        logger.error(
          { event: 'upstream_misconfigured', platform, api, errcode: answer.errcode },
          `${platform} refused a fresh access token`,
        );
        throw new UpstreamError('UPSTREAM_MISCONFIGURED', api, answer.errcode, 'access token refused after a refresh');
      }
    }
  }

  return {
    call,
    callWithoutToken,
    /**
     * A value this app is granted through a call made with its token (a JS-SDK ticket): cached in the store
     * until shortly before it expires, fetched once for concurrent callers.
     */
    grant(spec: GrantSpec): () => Promise<string> {
      const provider = createAccessTokenProvider({
        store,
        key: credentialKey(platform, spec.name, credentials),
        now,
        fetch: async () => granted(spec, await call(spec.api, spec.request)),
      });
      return () => provider.get();
    },
  };
}

export type PlatformClient = ReturnType<typeof createPlatformClient>;
