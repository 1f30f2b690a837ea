import type { ApiRequest, SandboxState } from '../core/endpoint';
import { wecomError, type ErrorBody } from '../core/platform-errors';
import type { SandboxApi } from '../core/sandbox-api';

/**
 * The checks every `living/*` call passes before its own: the documented method (43001 "require GET method" /
 * 43002 "require POST method"), then the access token (41001 missing, 40014 unknown or invalidated, 42001
 * expired), then the per-API-per-corp minute limit (45009 for the rest of the window). Returns the error to
 * answer, or `undefined` when the call may proceed. A call WeCom exempts from the limit when it succeeds
 * (`auth/getuserinfo` with a valid code) passes `limited: false` and counts its failures with {@link countAgainstLimit}.
 */
export function wecomGuard(
  req: ApiRequest,
  state: SandboxState,
  api: SandboxApi,
  method: 'GET' | 'POST',
  { limited = true }: { limited?: boolean } = {},
): ErrorBody | undefined {
  const fail = (errcode: number) => wecomError(errcode, state.now(), req.ip);
  if (req.method !== method) return fail(method === 'GET' ? 43001 : 43002);
  const token = req.query.access_token;
  if (!token) return fail(41001);
  const check = state.tokens.check(token);
  if (!check.ok) return fail(check.errcode);
  if (limited && !countAgainstLimit(state, check.owner, api)) return fail(45009);
  return undefined;
}

/** Spends one call of the corp's minute window for `api`: `false` once the window is used up. */
export function countAgainstLimit(state: SandboxState, corpId: string, api: SandboxApi): boolean {
  return state.limiter.take(`wecom:${corpId}:${api}`, state.rateLimitPerMinute);
}
