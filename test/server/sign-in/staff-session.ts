import supertest from 'supertest';
import { BROWSER_COOKIE, STAFF_COOKIE } from '../../../shared/cookie-names';

/**
 * Where to sign a staff member in: a Harness (its supertest `http`), or a BFF listening at `url` (an in-process
 * instance) with the sandbox it talks to. Either way the sandbox's WeCom hands out the sign-in code.
 */
export type StaffSignInTarget = { sandbox: { members: { codeFor(userId: string): string } } } & (
  { http: { get(path: string): supertest.Test } } | { url: string }
);

/** The first `name=value` of the cookies a response sets under `name`. */
const setCookie = (res: supertest.Response, name: string) =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? [])
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/**
 * Signs `userId` in through the staff sign-in and returns the callback's answer, whatever it is (a member who is not
 * staff gets a 403). The round trip itself (the browser through WeCom's login and back) is tested in
 * staff-sign-in.test.ts; here the code comes straight from the sandbox's WeCom.
 */
export async function staffSignIn(target: StaffSignInTarget, userId = 'zhaomin') {
  const http = 'http' in target ? target.http : supertest(target.url);
  const code = target.sandbox.members.codeFor(userId);
  const start = await http.get('/api/staff/session?returnTo=%2F').expect(302);
  const browser = setCookie(start, BROWSER_COOKIE)!;
  const state = new URL(start.headers.location!).searchParams.get('state')!;
  return http.get(`/api/staff/session/callback?code=${code}&state=${state}`).set('Cookie', browser);
}

/** The `wlv_staff=…` cookie for `userId`, signed in on `target` (see `staffSignIn`). */
export async function staffSessionCookie(target: StaffSignInTarget, userId = 'zhaomin'): Promise<string> {
  const callback = await staffSignIn(target, userId);
  expect(callback.status).toBe(302);
  return setCookie(callback, STAFF_COOKIE)!;
}
