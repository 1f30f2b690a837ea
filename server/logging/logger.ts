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
 * Structured logs: one JSON line per event. Field names that can carry a secret are redacted by path, and every
 * line passes through the secret scrubber.
 */
export function createLogger({ level = 'info', destination, scrubber }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'access_token',
          '*.access_token',
          'secret',
          '*.secret',
          'corpsecret',
          '*.corpsecret',
          'session_key',
          '*.session_key',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          '*.headers.authorization',
          '*.headers.cookie',
        ],
        censor: '[redacted]',
      },
      hooks: scrubber ? { streamWrite: (line) => scrubber.scrub(line) } : {},
    },
    destination ?? pino.destination({ sync: false }),
  );
}
