import { ApiError } from '../../../client/src/api/api-error';
import { createHttpClient } from '../../../client/src/api/http';
import { createStaffApi } from '../../../client/src/staff/staff-api-client';
import { BASE_URL, errorBody, stubBff, stubFetch, type StubResponse } from '../support/bff-stub';

const NOW = Date.parse('Fri, 28 Nov 2025 10:00:00 GMT');

/** The error each client rejects with for the same answer: the viewer's http layer, and the staff console's client. */
async function failures(answer: StubResponse): Promise<{ viewer: unknown; staff: unknown }> {
  stubBff(() => answer);
  const viewer = await createHttpClient({ baseUrl: BASE_URL })({ method: 'GET', path: '/api/lives/lv_1' }).catch(
    (error: unknown) => error,
  );
  const staff = await createStaffApi({ fetch: stubFetch(() => answer).fetch })
    .lives()
    .catch((error: unknown) => error);
  return { viewer, staff };
}

describe('one error model for the viewer’s pages and the staff console', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  it.each<[string, StubResponse, Partial<ApiError>]>([
    [
      'a known code, its status and Retry-After in seconds',
      { status: 503, body: errorBody('UPSTREAM_UNAVAILABLE', 'WeCom is down'), headers: { 'Retry-After': '7' } },
      { code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'WeCom is down', retryAfterSeconds: 7 },
    ],
    [
      'Retry-After as an HTTP date',
      {
        status: 429,
        body: errorBody('TOO_MANY_REQUESTS'),
        headers: { 'retry-after': 'Fri, 28 Nov 2025 10:01:30 GMT' },
      },
      { code: 'TOO_MANY_REQUESTS', status: 429, retryAfterSeconds: 90 },
    ],
    [
      'the reason of a 409 LIVE_NOT_WATCHABLE',
      { status: 409, body: { error: { code: 'LIVE_NOT_WATCHABLE', message: 'm', reason: 'replay_generating' } } },
      { code: 'LIVE_NOT_WATCHABLE', status: 409, reason: 'replay_generating' },
    ],
    [
      'the place in line of a 503 UPSTREAM_BUSY',
      {
        status: 503,
        body: { ...errorBody('UPSTREAM_BUSY'), queue: { position: 3, etaSeconds: 20 } },
        headers: { 'Retry-After': '4' },
      },
      { code: 'UPSTREAM_BUSY', status: 503, queue: { position: 3, etaSeconds: 20 }, retryAfterSeconds: 4 },
    ],
    [
      'a code this build does not know (a newer BFF) as BAD_RESPONSE, with its status',
      { status: 409, body: errorBody('LIVE_LOCKED', 'Locked by another app') },
      { code: 'BAD_RESPONSE', status: 409, message: 'Locked by another app' },
    ],
    [
      'a code that is not a string as BAD_RESPONSE',
      { status: 400, body: { error: { code: 42 } } },
      { code: 'BAD_RESPONSE', status: 400, message: 'HTTP 400' },
    ],
    [
      'a proxy’s HTML page as BAD_RESPONSE',
      { status: 502, body: '<html>Bad Gateway</html>' },
      { code: 'BAD_RESPONSE', status: 502, message: 'HTTP 502', retryAfterSeconds: undefined },
    ],
  ])('reads %s the same way on both sides', async (_case, answer, expected) => {
    const { viewer, staff } = await failures(answer);
    expect(viewer).toBeInstanceOf(ApiError);
    expect(staff).toBeInstanceOf(ApiError);
    expect(viewer).toMatchObject({ name: 'ApiError', ...expected });
    expect(staff).toMatchObject({ name: 'ApiError', ...expected });
  });
});
