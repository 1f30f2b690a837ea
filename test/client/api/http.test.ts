import { ApiError } from '../../../client/src/api/api-error';
import { createBffApi, isDeferredCode, validForMs } from '../../../client/src/api/bff-api';
import { createHttpClient, type RequestFn } from '../../../client/src/api/http';
import { aLive } from '../support/fixtures';

function clientAnswering(res: Awaited<ReturnType<RequestFn>> | Error) {
  const request = jest.fn<ReturnType<RequestFn>, Parameters<RequestFn>>(() =>
    res instanceof Error ? Promise.reject(res) : Promise.resolve(res),
  );
  return { request, http: createHttpClient({ baseUrl: 'https://bff.test', request }) };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('http client', () => {
  it('sends JSON to the base URL and surfaces status, lower-cased headers and data', async () => {
    const { request, http } = clientAnswering({ statusCode: 200, header: { ETag: 'W/"1"' }, data: { ok: true } });
    const res = await http({ method: 'POST', path: '/api/x', body: { a: 1 }, headers: { Authorization: 'Bearer t' } });
    expect(res).toEqual({ status: 200, headers: { etag: 'W/"1"' }, data: { ok: true } });
    expect(request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://bff.test/api/x',
        method: 'POST',
        data: { a: 1 },
        header: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'Bearer t' },
      }),
    );
  });

  it('sends {} as JSON on a POST with nothing to say (the BFF refuses a POST without a JSON body), nothing on a GET', async () => {
    const { request, http } = clientAnswering({ statusCode: 204, header: {}, data: '' });
    await http({ method: 'POST', path: '/api/x' });
    expect(request.mock.calls[0]?.[0]).toMatchObject({
      data: {},
      header: { Accept: 'application/json', 'Content-Type': 'application/json' },
    });
    await http({ method: 'GET', path: '/api/x' });
    expect(request.mock.calls[1]?.[0].data).toBeUndefined();
    expect(request.mock.calls[1]?.[0].header).toEqual({ Accept: 'application/json' });
  });

  it('resolves a 304 without data', async () => {
    const { http } = clientAnswering({ statusCode: 304, header: {}, data: '' });
    await expect(http({ method: 'GET', path: '/api/lives/lv_1' })).resolves.toEqual({
      status: 304,
      headers: {},
      data: undefined,
    });
  });

  it.each([
    [404, { error: { code: 'LIVE_NOT_FOUND', message: '直播不存在' } }, {}, 'LIVE_NOT_FOUND', undefined],
    [401, { error: { code: 'SESSION_INVALID', message: 'x' } }, {}, 'SESSION_INVALID', undefined],
    [503, { error: { code: 'UPSTREAM_UNAVAILABLE', message: 'x' } }, { 'Retry-After': '7' }, 'UPSTREAM_UNAVAILABLE', 7],
    [
      429,
      { error: { code: 'UPSTREAM_RATE_LIMITED', message: 'x' } },
      { 'retry-after': '30' },
      'UPSTREAM_RATE_LIMITED',
      30,
    ],
    [502, '<html>bad gateway</html>', {}, 'BAD_RESPONSE', undefined],
    [500, { error: { code: 'SOMETHING_NEW', message: 'x' } }, {}, 'BAD_RESPONSE', undefined],
    [429, { error: { code: 'SOMETHING_NEW', message: 'x' } }, { 'Retry-After': '12' }, 'BAD_RESPONSE', 12],
  ])('turns %d into an ApiError with the typed code', async (statusCode, data, header, code, retryAfter) => {
    const { http } = clientAnswering({ statusCode, header, data });
    const error = await failure(http({ method: 'GET', path: '/api/x' }));
    expect(error).toMatchObject({ name: 'ApiError', code, status: statusCode, retryAfterSeconds: retryAfter });
  });

  it('keeps the reason of a 409', async () => {
    const data = { error: { code: 'LIVE_NOT_WATCHABLE', message: '回放生成中', reason: 'replay_generating' } };
    const { http } = clientAnswering({ statusCode: 409, header: {}, data });
    expect(await failure(http({ method: 'POST', path: '/x' }))).toMatchObject({
      code: 'LIVE_NOT_WATCHABLE',
      reason: 'replay_generating',
      message: '回放生成中',
    });
  });

  it('reports a request that got no answer as NETWORK_ERROR', async () => {
    const { http } = clientAnswering(
      Object.assign(new Error('request:fail timeout'), { errMsg: 'request:fail timeout' }),
    );
    expect(await failure(http({ method: 'GET', path: '/x' }))).toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});

describe('BFF api', () => {
  it('sends If-None-Match and reports a 304 as unchanged', async () => {
    const { request, http } = clientAnswering({ statusCode: 304, header: {}, data: '' });
    await expect(createBffApi(http).getLive('lv_1', 'W/"abc"')).resolves.toEqual({ changed: false });
    expect(request.mock.calls[0]?.[0].header).toMatchObject({ 'If-None-Match': 'W/"abc"' });
  });

  it('returns the card and its ETag', async () => {
    const live = aLive();
    const { http } = clientAnswering({ statusCode: 200, header: { etag: 'W/"e1"' }, data: live });
    await expect(createBffApi(http).getLive('lv_1')).resolves.toEqual({ changed: true, live, etag: 'W/"e1"' });
  });

  it('asks for a living code with the bearer token and the replay flag', async () => {
    const { request, http } = clientAnswering({ statusCode: 200, header: {}, data: {} });
    await createBffApi(http).livingCode('lv/1', { replay: true, token: 'tok' });
    expect(request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://bff.test/api/lives/lv%2F1/code',
        method: 'POST',
        data: { replay: true },
        header: expect.objectContaining({ Authorization: 'Bearer tok' }),
      }),
    );
  });

  it('asks for a living code with the session cookie when there is no token (H5)', async () => {
    const { request, http } = clientAnswering({ statusCode: 200, header: {}, data: {} });
    await createBffApi(http).livingCode('lv_1', { replay: false });
    const options = request.mock.calls[0]![0];
    expect(options.header).not.toHaveProperty('Authorization');
    expect(options.credentials).toBe('same-origin');
  });

  it('says why the code is asked for', async () => {
    const { request, http } = clientAnswering({ statusCode: 200, header: {}, data: {} });
    await createBffApi(http).livingCode('lv_1', { replay: false, token: 't', purpose: 'refresh' });
    expect(request.mock.calls[0]![0].data).toEqual({ replay: false, purpose: 'refresh' });
  });

  it('returns a put-off answer as it came, without a lifetime', async () => {
    const { http } = clientAnswering({
      statusCode: 200,
      header: { Date: 'Fri, 28 Nov 2025 10:02:00 GMT' },
      data: { deferred: 'before_start', retryInSeconds: 900 },
    });
    const answer = await createBffApi(http).livingCode('lv_1', { replay: false, purpose: 'first' });
    expect(answer).toEqual({ deferred: 'before_start', retryInSeconds: 900 });
    expect(isDeferredCode(answer)).toBe(true);
  });

  it('measures a code’s lifetime on the BFF’s clock (its Date header)', async () => {
    const expiresAt = '2025-11-28T10:05:00.000Z';
    const { http } = clientAnswering({
      statusCode: 200,
      header: { Date: 'Fri, 28 Nov 2025 10:02:00 GMT' },
      data: { livingCode: 'c', expiresAt, launch: {} },
    });
    await expect(createBffApi(http).livingCode('lv_1', { replay: false, token: 't' })).resolves.toMatchObject({
      livingCode: 'c',
      expiresAt,
      validForMs: 180_000,
    });
  });

  it.each([
    ['the BFF clock', '2025-11-28T10:05:00Z', 'Fri, 28 Nov 2025 10:01:00 GMT', 240_000],
    ['this device when there is no Date', '2025-11-28T10:05:00Z', undefined, 60_000],
    ['never less than nothing', '2025-11-28T10:05:00Z', 'Fri, 28 Nov 2025 10:06:00 GMT', 0],
    ['never more than five minutes', '2025-11-28T10:15:00Z', 'Fri, 28 Nov 2025 10:00:00 GMT', 300_000],
    ['unknown without expiresAt', undefined, 'Fri, 28 Nov 2025 10:00:00 GMT', undefined],
  ])('validForMs: %s', (_case, expiresAt, date, expected) => {
    expect(validForMs(expiresAt, date, Date.parse('2025-11-28T10:04:00Z'))).toBe(expected);
  });

  it('asks for a JS-SDK config signed for a URL', async () => {
    const config = { appId: 'wx1', timestamp: 1, nonceStr: 'n', signature: 's', jsApiList: [], openTagList: [] };
    const { request, http } = clientAnswering({ statusCode: 200, header: {}, data: config });
    await expect(createBffApi(http).jssdkConfig('https://live.test/p?id=1&replay=1')).resolves.toEqual(config);
    expect(request.mock.calls[0]![0]).toMatchObject({
      method: 'GET',
      url: 'https://bff.test/api/jssdk/config?url=https%3A%2F%2Flive.test%2Fp%3Fid%3D1%26replay%3D1',
    });
  });
});
