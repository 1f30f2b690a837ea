import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { badRequest, readJson } from './answers';
import type { SandboxMembers } from '../wecom/sign-in/member-logins';
import { SANDBOX_NON_STAFF_MEMBER, SANDBOX_STAFF_MEMBER } from '../wecom/members';

const person = z.object({ userid: z.string().trim().min(1).max(64) }).strict();

/**
 * `/__sandbox/wecom/*`: WeCom member sign-in over HTTP, for browser tests whose BFF runs in another process: the
 * members, codes without the browser round trip, and who "scans" the web login QR code.
 */
export function addMemberRoutes(router: Router, members: SandboxMembers): void {
  router.get('/wecom/members', (ctx) => {
    ctx.body = { members: members.list(), staffMember: SANDBOX_STAFF_MEMBER, nonStaffMember: SANDBOX_NON_STAFF_MEMBER };
  });

  router.get('/wecom/codes', (ctx) => {
    ctx.body = { codes: members.issuedCodes() };
  });

  // A code for a member (or, for any other name, an external person), as the sign-in pages would redirect with it.
  router.post('/wecom/codes', async (ctx) => {
    const parsed = await readPerson(ctx);
    if (!parsed) return;
    ctx.body = { userid: parsed, code: members.codeFor(parsed) };
  });

  router.get('/wecom/scanner', (ctx) => {
    ctx.body = { userid: members.scanner() ?? null };
  });

  router.put('/wecom/scanner', async (ctx) => {
    const parsed = await readPerson(ctx);
    if (!parsed) return;
    members.scanAs(parsed);
    ctx.body = { userid: members.scanner() };
  });

  router.delete('/wecom/scanner', (ctx) => {
    members.scanAs(undefined);
    ctx.status = 204;
  });
}

/** The body's `userid`, or `undefined` once a 400 has been answered. */
async function readPerson(ctx: Context): Promise<string | undefined> {
  const body = await readJson(ctx);
  if (!body.ok) return void badRequest(ctx, 'the body is not JSON');
  const parsed = person.safeParse(body.value);
  if (!parsed.success) return void badRequest(ctx, z.prettifyError(parsed.error));
  return parsed.data.userid;
}
