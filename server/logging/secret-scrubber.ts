/**
 * Last line of defence for "no secret in a log line": every known secret (app secrets, access tokens as they
 * are fetched) is registered here and replaced in each serialized log line before it is written.
 * Code should never log a secret in the first place; this catches the mistake when it does.
 */
export interface SecretScrubber {
  add(secret: string | undefined): void;
  scrub(text: string): string;
}

const REDACTED = '[redacted]';
/** Short values would redact ordinary words; real secrets and tokens are far longer. */
const MIN_SECRET_LENGTH = 8;
/** Tokens rotate every two hours; keep the most recent ones only. */
const MAX_SECRETS = 64;

export function createSecretScrubber(): SecretScrubber {
  const secrets = new Set<string>();
  return {
    add(secret) {
      if (!secret || secret.length < MIN_SECRET_LENGTH || secrets.has(secret)) return;
      secrets.add(secret);
      if (secrets.size > MAX_SECRETS) secrets.delete(secrets.values().next().value as string);
    },
    scrub(text) {
      let out = text;
      for (const secret of secrets) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
      return out;
    },
  };
}
