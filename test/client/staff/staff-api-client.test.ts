import {
  StaffApiError,
  createStaffApi,
  describeError,
  isOutcomeUnknown,
  type FetchFn,
} from '../../../client/src/staff/staff-api-client';

const ID = 'lvOQpQDgAAEvbQXfglxhhWIfCYgjIwTM';

/** A fetch that answers every request with `status` and `body`, and remembers what it was asked. */
function answering(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init });
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
      text: async () => text,
    } as unknown as Response;
  };
  return { fetch, calls };
}

async function failure(promise: Promise<unknown>): Promise<StaffApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StaffApiError);
    return error as StaffApiError;
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

  it('turns the BFF error body into a StaffApiError with its code and status', async () => {
    const { fetch } = answering(409, { error: { code: 'LIVE_ALREADY_STARTED', message: 'Live has started' } });
    const error = await failure(createStaffApi({ fetch }).cancelLive(ID));
    expect(error).toMatchObject({ code: 'LIVE_ALREADY_STARTED', status: 409, message: 'Live has started' });
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
});

describe('what the console says about a failure', () => {
  const error = (code: string, status: number, message = 'm') => new StaffApiError({ code, status, message });

  it.each([
    [error('INVALID_BODY', 400, 'theme: too long'), '填写的内容不符合要求：theme: too long'],
    [error('CONFIRMATION_REQUIRED', 400), '请先确认这项操作'],
    [error('FORBIDDEN', 403), '你没有权限进行这项操作，管理直播需要管理员权限'],
    [error('LIVE_NOT_THIS_APP', 403), '只能管理本应用创建的直播'],
    [error('LIVE_ALREADY_STARTED', 409), '直播已经开始（或已结束、已取消），不能再修改或取消'],
    [error('LIVE_NOT_FOUND', 404), '找不到这场直播，它可能不是本应用的直播'],
    [error('SOMETHING_NEW', 409), '直播的状态已经变化，请刷新列表后再试'],
    [error('UPSTREAM_UNAVAILABLE', 503), '企业微信暂时无法访问，请稍后重试'],
    [error('SESSION_INVALID', 401), '登录已过期，正在重新登录…'],
    [error('NETWORK_ERROR', 0), '网络不太顺畅，请检查网络后重试'],
    [error('TOO_MANY_REQUESTS', 429), '请求太频繁，请稍后重试'],
    [new Error('boom'), '出了点问题，请重试'],
  ])('%s → %s', (failure, words) => {
    expect(describeError(failure)).toBe(words);
  });
});

describe('whether a failed change may have happened anyway', () => {
  const error = (code: string, status: number) => new StaffApiError({ code, status, message: 'm' });

  it.each([
    [error('NETWORK_ERROR', 0), true],
    [error('UPSTREAM_UNAVAILABLE', 503), true],
    [error('BAD_RESPONSE', 502), true],
    [error('INVALID_BODY', 400), false],
    [error('FORBIDDEN', 403), false],
    [error('LIVE_ALREADY_STARTED', 409), false],
    [error('UPSTREAM_RATE_LIMITED', 429), false],
    [new Error('boom'), false],
  ])('%s → %s', (failure, unknown) => {
    expect(isOutcomeUnknown(failure)).toBe(unknown);
  });
});
