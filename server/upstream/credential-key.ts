import { createHash } from 'node:crypto';

/**
 * A store key for something granted to one app (its access token, its JS-SDK ticket). The secret identifies the
 * app too (a rotated secret must not reuse the old token), but only a digest of it goes into a key another
 * process could read.
 */
export function credentialKey(platform: string, name: string, { id, secret }: { id: string; secret: string }): string {
  return `${platform}:${name}:${id}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}
