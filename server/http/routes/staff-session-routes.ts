import type { Logger } from 'pino';
import { z } from 'zod';
import { BROWSER_COOKIE, STAFF_COOKIE } from '../../../shared/cookie-names';
import { STAFF_SIGN_IN_PATH } from '../../../shared/paths';
import { STAFF_ROLES } from '../../../shared/staff-roles';
import { WECOM_USERID_PATTERN } from '../../../shared/wecom-userid';
import type { StaffSessions } from '../../sign-in/staff-sessions';
import {
  STAFF_SIGN_IN_CALLBACK_PATH,
  STAFF_SIGN_IN_FAILURE_WORDS,
  type StaffSignIn,
} from '../../sign-in/staff-sign-in';
import { defineRoute } from '../route-spec';
import { ErrorBodySchema } from '../schemas/api-schemas';
import { answerSignIn, answerSignInStart } from '../sign-in-answers';
import { viewerCookieOptions } from '../viewer-cookies';

/** WeCom's client says so in its user agent; there its OAuth works, elsewhere the web QR login does. */
const IN_WECOM = /\bwxwork\//i;

/** A WeCom userid, as the staff lists take them. */
const UserIdParamsSchema = z.object({ userId: z.string().regex(WECOM_USERID_PATTERN) });

export const StaffMeSchema = z.object({ userId: z.string(), role: z.enum(STAFF_ROLES) }).strict();

/**
 * Staff sign-in with WeCom: cookies and redirects around the round trip `signIn` runs, who is signed in, logout
 * (the server-side session ends at once) and a manager's "sign out everywhere" for a member.
 */
export function staffSessionRoutes({
  staffSignIn,
  staffSessions,
  publicOrigin,
  logger,
}: {
  staffSignIn: StaffSignIn;
  staffSessions: Pick<StaffSessions, 'end' | 'signOutEverywhere'>;
  publicOrigin: string;
  logger: Logger;
}) {
  const base = viewerCookieOptions(publicOrigin);
  const staffCookie = { ...base, sameSite: 'strict' as const };
  return [
    defineRoute({
      method: 'get',
      path: STAFF_SIGN_IN_PATH,
      summary: "Start the staff sign-in: WeCom's OAuth inside the WeCom client, its web QR login elsewhere",
      auth: 'public',
      limit: 'login',
      query: z.object({ returnTo: z.string().max(2048).optional().describe('A path on PUBLIC_ORIGIN, e.g. /staff/') }),
      responses: {
        302: { description: "To WeCom's OAuth page or QR login" },
        400: { description: 'returnTo is not a path on this site', schema: ErrorBodySchema },
      },
      async handler(ctx, { query }) {
        const start = await staffSignIn.start(query.returnTo, ctx.cookies.get(BROWSER_COOKIE), {
          inWecom: IN_WECOM.test(ctx.get('user-agent')),
        });
        answerSignInStart(ctx, start, base);
      },
    }),
    defineRoute({
      method: 'get',
      path: STAFF_SIGN_IN_CALLBACK_PATH,
      summary: 'Where WeCom sends the staff member back: sets the staff cookie and returns to the page',
      auth: 'public',
      limit: 'login',
      query: z.object({ code: z.string().optional(), state: z.string().optional() }),
      responses: {
        302: { description: 'Signed in; back to returnTo', headers: { 'Set-Cookie': STAFF_COOKIE } },
        400: { description: 'An HTML page with a retry link: the state or the code was refused' },
        403: { description: 'An HTML page: not a member of the corp, or not on the staff list' },
        503: { description: 'An HTML page with a retry link: WeCom could not be reached' },
      },
      async handler(ctx, { query }) {
        ctx.set('Cache-Control', 'no-store');
        const outcome = await staffSignIn.finish({ ...query, browser: ctx.cookies.get(BROWSER_COOKIE) });
        answerSignIn(ctx, outcome, {
          cookie: STAFF_COOKIE,
          cookieOptions: staffCookie,
          words: STAFF_SIGN_IN_FAILURE_WORDS,
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/staff/me',
      summary: 'The signed-in staff member and their role',
      auth: 'staff',
      responses: {
        200: { description: 'Who is signed in', schema: StaffMeSchema },
        401: { description: 'No staff session', schema: ErrorBodySchema },
      },
      handler(ctx, { staff }) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { userId: staff.userId, role: staff.role };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/staff/session/logout',
      summary: 'Sign the staff member out: the session ends on the server at once (a request from our own pages only)',
      auth: 'staff',
      // Nothing to say, but said as JSON (`{}`), like every request that changes something.
      body: z.object({}),
      responses: {
        204: { description: 'Signed out: the same cookie is refused from now on' },
        401: { description: 'No staff session', schema: ErrorBodySchema },
        403: { description: 'A cross-site request', schema: ErrorBodySchema },
        503: { description: 'The session store cannot be reached', schema: ErrorBodySchema },
        415: { description: 'No JSON body', schema: ErrorBodySchema },
      },
      async handler(ctx, { staff }) {
        await staffSessions.end(staff.sessionId);
        ctx.cookies.set(STAFF_COOKIE, '', { ...staffCookie, maxAge: 0 });
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/staff/members/:userId/sessions',
      summary: 'Managers only. Sign a member out everywhere: every session they hold ends, on every instance',
      auth: 'manager',
      params: UserIdParamsSchema,
      // Nothing to say, but said as JSON (`{}`), like every request that changes something.
      body: z.object({}),
      responses: {
        204: { description: 'Every session the member held is ended (also when there was none)' },
        400: { description: 'Not a WeCom userid', schema: ErrorBodySchema },
        415: { description: 'No JSON body', schema: ErrorBodySchema },
        401: { description: 'No staff session', schema: ErrorBodySchema },
        403: { description: 'Not a manager, or a cross-site request', schema: ErrorBodySchema },
        503: { description: 'The session store cannot be reached', schema: ErrorBodySchema },
      },
      async handler(ctx, { params, staff }) {
        await staffSessions.signOutEverywhere(params.userId);
        // The audit line names the route; this one names whom it was for.
        logger.info(
          { event: 'staff_signed_out_everywhere', userId: params.userId, by: staff.userId },
          'staff member signed out everywhere',
        );
        ctx.status = 204;
      },
    }),
  ];
}
