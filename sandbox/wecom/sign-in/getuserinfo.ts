import type { Endpoint } from '../../core/endpoint';
import { wecomError } from '../../core/platform-errors';
import { isSandboxMember } from '../members';
import { countAgainstLimit, wecomGuard } from '../api-guard';

/**
 * `GET /cgi-bin/auth/getuserinfo?access_token&code`: a member sign-in code (OAuth or web login) → `{errcode: 0,
 * errmsg: 'ok', userid}` for a member of the corp, `{errcode: 0, errmsg: 'ok', openid}` (plus `external_userid`
 * for a customer) for anyone else, with no userid: a BFF must refuse those. After the common WeCom checks
 * ({@link wecomGuard}: GET, token, minute limit): 41008 without a code, 40029 for a code never issued, expired (5
 * minutes) or used before: codes are single-use. WeCom exempts a call with a valid code from the frequency limits, so
 * only the calls that fail count against the minute window (45009 once it is spent).
 */
export const getUserInfo: Endpoint = (req, state) => {
  const denied = wecomGuard(req, state, 'auth/getuserinfo', 'GET', { limited: false });
  if (denied) return denied;
  const refuse = (errcode: number) => {
    const token = state.tokens.check(req.query.access_token ?? '');
    const spent = token.ok && !countAgainstLimit(state, token.owner, 'auth/getuserinfo');
    return wecomError(spent ? 45009 : errcode, state.now(), req.ip);
  };
  const { code } = req.query;
  if (!code) return refuse(41008);
  const redeemed = state.members.redeem(code);
  if (!redeemed.ok) return refuse(redeemed.errcode);
  const { person } = redeemed;
  if (isSandboxMember(person)) return { errcode: 0, errmsg: 'ok', userid: person };
  const externalUserId = state.members.externalUseridFor(person);
  return {
    errcode: 0,
    errmsg: 'ok',
    openid: state.members.openidFor(person),
    ...(externalUserId === undefined ? {} : { external_userid: externalUserId }),
  };
};
