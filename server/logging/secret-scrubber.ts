/**
 * Last line of defence for "no secret in a log line": every known secret is registered here and replaced in each
 * serialized log line before it is written. Code should never log a secret in the first place; this catches the
 * mistake when it does.
 *
 * Two kinds, kept apart so one can never push out the other: the static secrets of the configuration (app secrets,
 * `SESSION_SECRET`, the callback Token and key) are pinned for the life of the process (`pin`); rotating values
 * (access tokens, JS-SDK tickets, fetched every two hours) go into a bounded set of their own (`add`), the oldest
 * forgotten first.
 */
export interface SecretScrubber {
  /** A static secret: scrubbed for as long as the process runs, whatever rotates. */
  pin(secret: string | undefined): void;
  /** A rotating secret (a token, a ticket): the most recent ones are scrubbed. */
  add(secret: string | undefined): void;
  scrub(text: string): string;
}

const REDACTED = '[redacted]';
/** Short values would redact ordinary words; real secrets and tokens are far longer. */
const MIN_SECRET_LENGTH = 8;
/** Tokens rotate every two hours: 64 of them is days of every app's tokens and tickets. */
const MAX_ROTATING = 64;

export function createSecretScrubber({ maxRotating = MAX_ROTATING }: { maxRotating?: number } = {}): SecretScrubber {
  const pinned = new Set<string>();
  const rotating = new Set<string>();
  const worthKeeping = (secret: string | undefined): secret is string =>
    !!secret && secret.length >= MIN_SECRET_LENGTH && !pinned.has(secret);
  return {
    pin(secret) {
      if (!worthKeeping(secret)) return;
      rotating.delete(secret);
      pinned.add(secret);
    },
    add(secret) {
      if (!worthKeeping(secret)) return;
      // Seen again: it is the newest.
      rotating.delete(secret);
      rotating.add(secret);
      if (rotating.size > maxRotating) rotating.delete(rotating.values().next().value as string);
    },
    scrub(text) {
      let out = text;
      for (const secrets of [pinned, rotating])
        for (const secret of secrets) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
      return out;
    },
  };
}
