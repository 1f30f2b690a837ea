import type { Context } from 'koa';
import { BodyTooLargeError, readBody } from '../core/read-body';

/** A control request's JSON body (`{}` when empty), or `ok: false` when it is not JSON or too large. */
export async function readJson(ctx: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    const text = await readBody(ctx.req);
    return { ok: true, value: text === '' ? {} : (JSON.parse(text) as unknown) };
  } catch (err) {
    if (err instanceof BodyTooLargeError || err instanceof SyntaxError) return { ok: false };
    throw err;
  }
}

/** The control endpoints' one error shape: `{error, message}`. */
export function badRequest(ctx: Context, message: string): void {
  ctx.status = 400;
  ctx.body = { error: 'bad_request', message };
}

export function notFound(ctx: Context, message: string): void {
  ctx.status = 404;
  ctx.body = { error: 'not_found', message };
}
