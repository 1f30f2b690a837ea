import { ERROR_CODES, type ClientErrorCode } from '../../../shared/error-codes';
import { ApiError } from '../../../client/src/api/api-error';
import { describeError } from '../../../client/src/staff/error-messages';
import { createStaffApi, isOutcomeUnknown, type FetchFn } from '../../../client/src/staff/staff-api-client';
import { errorBody, fetchResponse, stubFetch } from '../support/bff-stub';

const ID = 'lvOQpQDgAAEvbQXfglxhhWIfCYgjIwTM';

/** A fetch that answers every request with `status` and `body`, and remembers what it was asked. */
function answering(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init });
    return fetchResponse({ status, body, headers });
  };
  return { fetch, calls };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

describe('the console API client', () => {
  it('GETs same-origin JSON with the cookie and returns the body', async () => {
    const { fetch, calls } = answering(200, { userId: 'zhaomin', role: 'staff' });
    await expect(createStaffApi({ fetch }).me()).resolves.toEqual({ userId: 'zhaomin', role: 'staff' });
    expect(calls).toEqual([
      {
        url: '/api/staff/me',
        init: {
          method: 'GET',
          credentials: 'same-origin',
          headers: { Accept: 'application/json' },
          signal: expect.any(AbortSignal),
        },
      },
    ]);
  });

  it('sends the live id as the confirmation of cancel and delete-replay', async () => {
    const { fetch, calls } = answering(204);
    const api = createStaffApi({ fetch });
    await expect(api.cancelLive(ID)).resolves.toBeUndefined();
    await api.deleteReplay(ID);
    expect(calls.map((c) => [c.init.method, c.url, c.init.body])).toEqual([
      ['POST', `/api/staff/lives/${ID}/cancel`, JSON.stringify({ confirm: ID })],
      ['DELETE', `/api/staff/lives/${ID}/replay`, JSON.stringify({ confirm: ID })],
    ]);
    expect(calls[0]!.init.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
  });

  it('signs out with {} as JSON: the BFF refuses a POST without a JSON body', async () => {
    const { fetch, calls } = answering(204);
    await createStaffApi({ fetch }).logout();
    expect([calls[0]!.init.method, calls[0]!.url, calls[0]!.init.body]).toEqual([
      'POST',
      '/api/staff/session/logout',
      '{}',
    ]);
    expect(calls[0]!.init.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
  });

  it('puts the campaign tag in the share kit query, encoded, and leaves it out when empty', async () => {
    const { fetch, calls } = answering(200, {});
    const api = createStaffApi({ fetch });
    await api.shareKit(ID, 'spring_1');
    await api.shareKit(ID);
    await api.shareKit(ID, '');
    expect(calls.map((c) => c.url)).toEqual([
      `/api/staff/lives/${ID}/share?from=spring_1`,
      `/api/staff/lives/${ID}/share`,
      `/api/staff/lives/${ID}/share`,
    ]);
  });

  it('turns the BFF error body into an ApiError with its code and status', async () => {
    const { fetch } = answering(409, { error: { code: 'LIVE_ALREADY_STARTED', message: 'Live has started' } });
    const error = await failure(createStaffApi({ fetch }).cancelLive(ID));
    expect(error).toMatchObject({
      name: 'ApiError',
      code: 'LIVE_ALREADY_STARTED',
      status: 409,
      message: 'Live has started',
    });
    expect(describeError(error)).toBe('直播已经开始（或已结束、已取消），不能再修改或取消');
  });

  it('calls onUnauthorized on a 401, then rejects', async () => {
    const { fetch } = answering(401, { error: { code: 'SESSION_REQUIRED', message: 'Staff sign in first' } });
    const onUnauthorized = jest.fn();
    const error = await failure(createStaffApi({ fetch, onUnauthorized }).lives());
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(error.code).toBe('SESSION_REQUIRED');
  });

  it('does not call onUnauthorized for a 403', async () => {
    const { fetch } = answering(403, { error: { code: 'FORBIDDEN', message: 'Only managers may do this' } });
    const onUnauthorized = jest.fn();
    const error = await failure(createStaffApi({ fetch, onUnauthorized }).createLive({} as never));
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(describeError(error)).toBe('你没有权限进行这项操作，管理直播需要管理员权限');
  });

  it('names a network failure NETWORK_ERROR (status 0)', async () => {
    const fetch: FetchFn = () => Promise.reject(new TypeError('Failed to fetch'));
    const error = await failure(createStaffApi({ fetch }).stats(ID));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('names an answer that is not the contract BAD_RESPONSE: an HTML 502, or a 200 that is not JSON', async () => {
    const proxy = await failure(createStaffApi({ fetch: answering(502, '<html>Bad Gateway</html>').fetch }).stats(ID));
    expect(proxy).toMatchObject({ code: 'BAD_RESPONSE', status: 502, message: 'HTTP 502' });
    const html = await failure(createStaffApi({ fetch: answering(200, '<!doctype html>').fetch }).stats(ID));
    expect(html).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    expect(describeError(html)).toBe('服务器的回答无法识别，请稍后重试');
  });

  it('ends a request that gets no answer within the timeout as NETWORK_ERROR', async () => {
    jest.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      const fetch: FetchFn = (_url, init) =>
        new Promise((_resolve, reject) => {
          signal = init.signal ?? undefined;
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      const pending = failure(createStaffApi({ fetch, timeoutMs: 15_000 }).createLive({} as never));
      await jest.advanceTimersByTimeAsync(14_999);
      expect(signal?.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      const error = await pending;
      expect(signal?.aborted).toBe(true);
      expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
      expect(isOutcomeUnknown(error)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads Retry-After', async () => {
    const { fetch } = answering(
      503,
      { error: { code: 'UPSTREAM_RATE_LIMITED', message: 'WeCom is rate limiting' } },
      { 'retry-after': '30' },
    );
    const error = await failure(createStaffApi({ fetch }).stats(ID));
    expect(error.retryAfterSeconds).toBe(30);
    expect(describeError(error)).toBe('请求太频繁，请 30 秒后重试');
  });

  it('reads Retry-After as an HTTP date, in seconds from now', async () => {
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('Fri, 28 Nov 2025 10:00:00 GMT'));
    const { fetch } = stubFetch(() => ({
      status: 429,
      body: errorBody('TOO_MANY_REQUESTS', 'Too many requests'),
      headers: { 'Retry-After': 'Fri, 28 Nov 2025 10:00:45 GMT' },
    }));
    const error = await failure(createStaffApi({ fetch }).lives()).finally(() => clock.mockRestore());
    expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429, retryAfterSeconds: 45 });
    expect(describeError(error)).toBe('请求太频繁，请 45 秒后重试');
  });

  it('names a code this build does not know (a newer BFF) BAD_RESPONSE, keeping the status and Retry-After', async () => {
    const { fetch } = stubFetch(() => ({
      status: 409,
      body: errorBody('LIVE_LOCKED_BY_ANOTHER_APP', 'Someone else is changing this live'),
      headers: { 'retry-after': '5' },
    }));
    const error = await failure(createStaffApi({ fetch }).cancelLive(ID));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 409, retryAfterSeconds: 5 });
    // The status still says what happened, in the console's words.
    expect(describeError(error)).toBe('直播的状态已经变化，请刷新列表后再试');
    expect(isOutcomeUnknown(error)).toBe(false);
  });
});

describe('what the console says about a failure', () => {
  const error = (code: ClientErrorCode, status: number, message = 'm') => new ApiError({ code, status, message });

  it.each<[ClientErrorCode, number, string, string]>([
    ['INVALID_BODY', 400, 'theme: too long', '填写的内容不符合要求，请检查直播主题'],
    [
      'INVALID_BODY',
      400,
      "anchorUserId: not a member in the WeCom app's visible range; startsAt: in the past",
      '填写的内容不符合要求，请检查主播账号、开播时间',
    ],
    ['INVALID_BODY', 400, 'Nothing to change', '填写的内容不符合要求，请检查后重试'],
    ['BAD_REQUEST', 400, 'from: Invalid', '填写的内容不符合要求，请检查渠道标记'],
    ['CONFIRMATION_REQUIRED', 400, 'm', '请先确认这项操作'],
    ['FORBIDDEN', 403, 'm', '你没有权限进行这项操作，管理直播需要管理员权限'],
    ['LIVE_NOT_THIS_APP', 403, 'm', '只能管理本应用创建的直播'],
    ['LIVE_ALREADY_STARTED', 409, 'm', '直播已经开始（或已结束、已取消），不能再修改或取消'],
    ['LIVE_NOT_FOUND', 404, 'm', '找不到这场直播，它可能不是本应用的直播'],
    ['NOT_FOUND', 404, 'm', '找不到这项内容'],
    ['BAD_RESPONSE', 409, 'm', '直播的状态已经变化，请刷新列表后再试'],
    ['BAD_RESPONSE', 418, 'm', '请求没有成功（418），请重试'],
    ['UPSTREAM_UNAVAILABLE', 503, 'm', '企业微信暂时无法访问，请稍后重试'],
    ['BAD_RESPONSE', 502, 'm', '企业微信暂时无法访问，请稍后重试'],
    ['SESSION_INVALID', 401, 'm', '登录已过期，正在重新登录…'],
    ['NETWORK_ERROR', 0, 'm', '网络不太顺畅，请检查网络后重试'],
    ['TOO_MANY_REQUESTS', 429, 'm', '请求太频繁，请稍后重试'],
  ])('%s %d (%j) → %s', (code, status, message, words) => {
    expect(describeError(error(code, status, message))).toBe(words);
  });

  it('says 出了点问题 about anything that is not an ApiError', () => {
    expect(describeError(new Error('boom'))).toBe('出了点问题，请重试');
  });

  it.each(ERROR_CODES)('says %s in Chinese, never in the BFF’s English words', (code) => {
    const words = describeError(error(code, 400, 'anchorUserId: not a member in the WeCom app'));
    expect(words).toMatch(/[\u4e00-\u9fff]/);
    expect(words).not.toMatch(/not a member|WeCom app|anchorUserId/);
  });
});

describe('whether a failed change may have happened anyway', () => {
  it.each<[ClientErrorCode, number, boolean]>([
    ['NETWORK_ERROR', 0, true],
    ['UPSTREAM_UNAVAILABLE', 503, true],
    ['BAD_RESPONSE', 502, true],
    ['INVALID_BODY', 400, false],
    ['FORBIDDEN', 403, false],
    ['LIVE_ALREADY_STARTED', 409, false],
    ['UPSTREAM_RATE_LIMITED', 429, false],
  ])('%s %d → %s', (code, status, unknown) => {
    expect(isOutcomeUnknown(new ApiError({ code, status, message: 'm' }))).toBe(unknown);
  });

  it('is false for anything that is not an ApiError', () => {
    expect(isOutcomeUnknown(new Error('boom'))).toBe(false);
  });
});
