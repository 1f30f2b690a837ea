import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/error-codes';
import { isStaffRole, type StaffRole } from '../../shared/staff-roles';
import { AppError } from '../errors/app-error';
import type { Session } from '../sign-in/viewer-session-tokens';
import type { StaffSession } from '../sign-in/staff-sessions';
import type { ClientLimit } from '../limits/client-limits';
import { statusOf } from './middleware/error-handler';
import { jsonBody } from './middleware/json-body';
import type { RouteSpec } from './route-spec';

/**
 * How the router learns who is calling, for each kind of route that needs someone. Each rejects with a 401 (nobody,
 * or a forged session) or a 403 (signed in, but not allowed).
 */
export interface RouteGuards {
  viewer(ctx: Context): Promise<Session>;
  staff(ctx: Context): Promise<StaffSession>;
  manager(ctx: Context): Promise<StaffSession>;
  /** Told of every staff request that changes something, once answered: the audit line. */
  audit(entry: { userId: string; role: string; method: string; route: string; status: number }): void;
  /** Spends from one of our per-client limits; rejects with 429 when it is used up. */
  limits: Record<ClientLimit, (ctx: Context, viewer: Session | undefined) => Promise<void>>;
  /**
   * Refuses (403) a request that changes something and comes from another site (`same-origin.ts`), once the caller
   * is known and before anything else runs. `cookieOnly`: the route's caller can only come by cookie (staff).
   */
  sameOrigin(ctx: Context, options: { cookieOnly: boolean }): void;
}

/** Which error a malformed path parameter is. */
const PARAM_ERRORS: Record<string, ErrorCode> = { livingId: 'INVALID_LIVING_ID' };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/**
 * Registers each spec on the router: who is calling is established first (by `guards`, for every route that is
 * not public), then params, query and body are validated with the spec's own schemas.
 */
export function mountRoutes(router: Router, specs: RouteSpec[], guards: RouteGuards): void {
  for (const spec of specs) {
    // Public routes get no guard at all: nothing to forget, and nothing added to the hot path.
    const limit = spec.limit ? guards.limits[spec.limit] : undefined;
    const mutates = spec.method !== 'get';
    const fromBrowsers = mutates && !spec.serverToServer;
    if (fromBrowsers && !spec.body) {
      // Without a body schema the JSON body would not be required, and a cross-site form could reach the handler.
      throw new Error(`${spec.method.toUpperCase()} ${spec.path} changes something: give it a body schema`);
    }
    const cookieOnly = isStaffRole(spec.auth);
    // After the caller is known (nobody, or a forged session, is a 401 whatever the origin), before anything runs.
    const sameOrigin = (ctx: Context) => {
      if (fromBrowsers) guards.sameOrigin(ctx, { cookieOnly });
    };
    const before = [
      ...(spec.auth === 'public' && fromBrowsers
        ? [
            async (ctx: Context, next: () => Promise<unknown>) => {
              sameOrigin(ctx);
              await next();
            },
          ]
        : []),
      ...(spec.auth === 'viewer'
        ? [
            async (ctx: Context, next: () => Promise<unknown>) => {
              ctx.state.viewer = await guards.viewer(ctx);
              sameOrigin(ctx);
              await next();
            },
          ]
        : []),
      ...(isStaffRole(spec.auth)
        ? [
            async (ctx: Context, next: () => Promise<unknown>) => {
              const staff = await guards[spec.auth as StaffRole](ctx);
              sameOrigin(ctx); // a forged request is not the member's action: refused before the audit
              ctx.state.staff = staff;
              // A refusal is answered further out (the error handler): until then ctx.status still reads 404.
              let failedWith: number | undefined;
              try {
                await next();
              } catch (err) {
                failedWith = statusOf(err);
                throw err;
              } finally {
                if (mutates) {
                  guards.audit({
                    userId: staff.userId,
                    role: staff.role,
                    method: ctx.method,
                    route: spec.path,
                    status: failedWith ?? ctx.status,
                  });
                }
              }
            },
          ]
        : []),
      ...(limit
        ? [
            async (ctx: Context, next: () => Promise<unknown>) => {
              await limit(ctx, ctx.state.viewer as Session | undefined);
              await next();
            },
          ]
        : []),
    ];
    const handle = async (ctx: Context) => {
      let params: unknown = {};
      if (spec.params) {
        const parsed = spec.params.safeParse(ctx.params);
        if (!parsed.success) {
          const name = String(parsed.error.issues[0]?.path[0] ?? '');
          throw new AppError(PARAM_ERRORS[name] ?? 'BAD_REQUEST', describeIssues(parsed.error));
        }
        params = parsed.data;
      }
      let query: unknown = {};
      if (spec.query) {
        // A repeated parameter arrives as an array; only its first value counts.
        const flat = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
        const parsed = spec.query.safeParse(flat);
        if (!parsed.success) throw new AppError('BAD_REQUEST', describeIssues(parsed.error));
        query = parsed.data;
      }
      let body: unknown = {};
      if (spec.body) {
        const raw = ctx.request.body ?? {};
        const parsed = spec.body.safeParse(raw);
        if (!parsed.success) throw new AppError('INVALID_BODY', describeIssues(parsed.error));
        body = parsed.data;
      }
      await spec.handler(ctx, {
        params,
        body,
        query,
        viewer: ctx.state.viewer as Session | undefined,
        staff: ctx.state.staff as StaffSession | undefined,
      } as never);
    };
    // Every route that changes something, and takes a body, requires a JSON one (`{}` when there is nothing to say).
    if (spec.body) router[spec.method](spec.path, ...before, jsonBody(), handle);
    else router[spec.method](spec.path, ...before, handle);
  }
}
