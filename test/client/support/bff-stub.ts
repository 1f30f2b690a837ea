import type { RequestFn } from '../../../client/src/api/http';
import type { FetchFn } from '../../../client/src/staff/staff-api-client';
import { taroMock } from '../stand-ins/taro';

export interface StubRequest {
  method: string;
  /** Path below the base URL, e.g. `/api/lives/lv_1`. */
  path: string;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface StubResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type StubHandler = (req: StubRequest) => StubResponse | Promise<StubResponse>;

export const BASE_URL = 'https://bff.test';

/** Answers `Taro.request` like the BFF would; every request is recorded for assertions. */
export function stubBff(handler: StubHandler) {
  const requests: StubRequest[] = [];
  const request: RequestFn = async ({ url, method, header, data }) => {
    const req = { method, path: url.slice(BASE_URL.length), headers: header, body: data };
    requests.push(req);
    const res = await handler(req);
    return { statusCode: res.status, header: res.headers ?? {}, data: res.body ?? '' };
  };
  taroMock.taro.request.mockImplementation(request);
  return { requests };
}

/**
 * What `fetch` resolves with for the staff console's client (jsdom has no `Response`): only what the client reads.
 * A string body goes as it is (a proxy's HTML page), anything else as JSON.
 */
export function fetchResponse({ status, body, headers = {} }: StubResponse): Response {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name: string) => lower.get(name.toLowerCase()) ?? null },
    text: async () => text,
  } as unknown as Response;
}

/** Answers the staff console's same-origin `fetch` like the BFF would; every request is recorded. */
export function stubFetch(handler: StubHandler) {
  const requests: StubRequest[] = [];
  const fetch: FetchFn = async (path, init) => {
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    const req = { method: init.method ?? 'GET', path, headers: init.headers as Record<string, string>, body };
    requests.push(req);
    return fetchResponse(await handler(req));
  };
  return { fetch, requests };
}

export const errorBody = (code: string, message = code) => ({ error: { code, message } });
