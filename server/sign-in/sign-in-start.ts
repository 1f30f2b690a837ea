import { AppError } from '../errors/app-error';
import { isRandomToken, randomToken, type OAuthStates } from './oauth-state';
import { safeReturnTo } from './return-to';

/** A sign-in started: send the browser to `url`, remembering it by `browser` for `browserTtlMs`. */
export interface SignInStart {
  url: string;
  browser: string;
  browserTtlMs: number;
}

/**
 * The first steps of every sign-in (viewer or staff): `returnTo` must be a path on our own origin (400
 * `INVALID_RETURN_TO` otherwise), and a random, single-use state is stored for it, bound to this browser
 * (`knownBrowser`, kept across sign-ins so two tabs do not undo each other). The caller puts the state into its
 * provider's authorize URL.
 */
export async function startSignIn(
  states: OAuthStates,
  {
    returnTo,
    knownBrowser,
    publicOrigin,
  }: { returnTo: string | undefined; knownBrowser: string | undefined; publicOrigin: string },
): Promise<{ state: string; browser: string; browserTtlMs: number }> {
  const target = safeReturnTo(returnTo, publicOrigin);
  if (!target) throw new AppError('INVALID_RETURN_TO', 'returnTo must be a path on this site');
  const browser = isRandomToken(knownBrowser) ? knownBrowser : randomToken();
  const state = await states.create({ returnTo: target, browser });
  return { state, browser, browserTtlMs: states.ttlMs };
}
