import type { Context } from 'koa';
import type { z } from 'zod';
import type { StaffRole } from '../../shared/staff-roles';
import type { Session } from '../sign-in/viewer-session-tokens';
import type { StaffSession } from '../sign-in/staff-sessions';
import type { ClientLimit } from '../limits/client-limits';

export type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

/**
 * Who may call a route: anyone, a signed-in viewer (bearer token from the mini program, or the H5 cookie), a staff
 * member on the list (staff session cookie), or a staff member who may also manage lives.
 */
export type RouteAuth = 'public' | 'viewer' | StaffRole;

/** What a handler is told about the caller: the viewer on `viewer` routes, the staff member on staff routes. */
export type Caller<A extends RouteAuth> = A extends 'viewer'
  ? { viewer: Session }
  : A extends StaffRole
    ? { staff: StaffSession }
    : { viewer?: undefined };

/** One endpoint: its contract (for validation and for the OpenAPI document) and its handler. */
export interface RouteSpec<
  P extends AnyObject = AnyObject,
  B extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  A extends RouteAuth = RouteAuth,
> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Koa path syntax, e.g. `/api/lives/:livingId`. */
  path: string;
  summary: string;
  params?: P;
  /** Query string parameters (each a single string). */
  query?: Q;
  body?: B;
  /**
   * Who may call. The router enforces it before anything else runs (validation, body parsing, the handler), so a
   * route cannot forget the check; there is no default, so every route says who it is for.
   */
  auth: A;
  /** Which of our own per-client limits a call spends (after the caller is known, before anything else). */
  limit?: ClientLimit;
  /**
   * Called by another server, never by a browser, and authenticated by its own signature (WeCom's callback, with
   * an XML body it reads itself): spared the same-origin check and the JSON body that every other route that
   * changes something gets from the router.
   */
  serverToServer?: true;
  responses: Record<number, RouteResponse>;
  handler: (
    ctx: Context,
    input: { params: z.infer<P>; body: z.infer<B>; query: z.infer<Q> } & Caller<A>,
  ) => Promise<void> | void;
}

export const defineRoute = <
  P extends AnyObject = AnyObject,
  B extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  A extends RouteAuth = RouteAuth,
>(
  spec: RouteSpec<P, B, Q, A>,
): RouteSpec => spec as unknown as RouteSpec;
