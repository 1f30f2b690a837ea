import type { Context } from 'koa';
import { AppError } from '../../errors/app-error';

/**
 * The request body as text, for the one route that is not JSON (WeCom's XML callback): only of the given media
 * types, and refused past `limit` bytes before it is buffered whole.
 */
export async function readTextBody(
  ctx: Context,
  { limit, types }: { limit: number; types: string[] },
): Promise<string> {
  if (!ctx.is(types)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as ${types.join(' or ')}`);
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
