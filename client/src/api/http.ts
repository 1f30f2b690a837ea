import Taro from '@tarojs/taro';
import { ApiError } from './api-error';
import { errorFromResponse } from './error-from-response';

export type HttpMethod = 'GET' | 'POST';

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, starting with `/`. */
  path: string;
  /** Sent as JSON; a POST without one sends `{}`. */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface HttpResponse<T> {
  status: number;
  /** Header names in lower case (weapp keeps the server's case, H5 lowers it). */
  headers: Record<string, string>;
  /** `undefined` for 304. */
  data: T;
}

/** The subset of `Taro.request` this module uses; injectable so tests and other transports can stand in. */
export type RequestFn = (options: {
  url: string;
  method: HttpMethod;
  data?: Record<string, unknown>;
  header: Record<string, string>;
  timeout: number;
  dataType: 'json';
  /** H5 only (fetch): the `wlv_session` cookie goes with same-origin requests. Ignored by the mini program. */
  credentials: 'same-origin';
}) => Promise<{ statusCode: number; header?: Record<string, unknown>; data?: unknown }>;

export interface HttpClientOptions {
  baseUrl: string;
  request?: RequestFn;
  timeoutMs?: number;
}

export type HttpClient = <T>(req: HttpRequest) => Promise<HttpResponse<T>>;

const defaultRequest: RequestFn = (options) => Taro.request(options);

/**
 * The one way the client talks to the BFF: JSON in and out, 2xx and 304 resolve, everything else rejects with an
 * {@link ApiError} carrying the BFF's `error.code`, the status and `Retry-After`.
 */
export function createHttpClient({
  baseUrl,
  request = defaultRequest,
  timeoutMs = 10_000,
}: HttpClientOptions): HttpClient {
  return async function send<T>({ method, path, body: given, headers = {} }: HttpRequest): Promise<HttpResponse<T>> {
    // A POST always carries a JSON body (`{}` when there is nothing to say): the BFF refuses any other (415).
    const body = method === 'POST' ? (given ?? {}) : given;
    let res: Awaited<ReturnType<RequestFn>>;
    try {
      res = await request({
        url: `${baseUrl}${path}`,
        method,
        data: body,
        header: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
        timeout: timeoutMs,
        dataType: 'json',
        credentials: 'same-origin',
      });
    } catch (cause) {
      throw new ApiError({ code: 'NETWORK_ERROR', message: '网络不太顺畅，请稍后重试', status: 0, cause });
    }
    const status = res.statusCode;
    const lower = lowerCaseHeaders(res.header);
    if ((status >= 200 && status < 300) || status === 304) {
      return { status, headers: lower, data: (status === 304 ? undefined : res.data) as T };
    }
    throw errorFromResponse({ status, body: res.data, retryAfter: lower['retry-after'] });
  };
}

function lowerCaseHeaders(header: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(header ?? {})) {
    if (value !== undefined && value !== null) out[name.toLowerCase()] = String(value);
  }
  return out;
}
