import type { RequestFn } from '../../../client/src/api/http';
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

export const errorBody = (code: string, message = code) => ({ error: { code, message } });
