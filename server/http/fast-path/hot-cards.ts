import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIVING_ID_PATTERN } from '../../../shared/living-id';
import type { Metrics } from '../../metrics/metrics';
import { INCOMING_REQUEST_ID } from '../middleware/request-log';

const PREFIX = '/api/lives/';
/** The route pattern the hot path answers for, as the router (and so the metrics) name it. */
export const HOT_ROUTE = '/api/lives/:livingId';

interface HotCard {
  body: Buffer;
  etag: string;
  until: number;
}

export interface HotCardsOptions {
  now?: () => number;
  /**
   * A card is answered here at most this long after the router last served it, however fresh it is: another
   * instance may have stored a newer one (the near cache's bound, so a change reaches every instance within 1 s).
   */
  maxAgeMs?: number;
  maxEntries?: number;
  metrics?: Metrics;
  /** Answer nothing here (every request goes through Koa), e.g. while every success is being logged. */
  disabled?: boolean;
  /** The security headers the router's answer carries (`security-headers.ts`, `apiHeaders`). */
  securityHeaders?: ReadonlyArray<readonly [string, string]>;
}

/**
 * The one request a viral live hammers, `GET /api/lives/:livingId` of a card that is fresh, answered straight from
 * the bytes the router produced for it moments ago, without a trip through Koa's middleware. Everything else, and
 * any card not served (fresh) by the router within `maxAgeMs`, goes through the router as usual. The answer is the
 * router's, byte for byte and header for header: the same JSON, `ETag` and 304 to a matching `If-None-Match`.
 */
export function createHotCards({
  now = Date.now,
  maxAgeMs = 1000,
  maxEntries = 1000,
  metrics,
  disabled = false,
  securityHeaders = [['X-Content-Type-Options', 'nosniff']],
}: HotCardsOptions = {}) {
  const cards = new Map<string, HotCard>();

  return {
    /** The router served this fresh card: it may be answered here until `freshUntil`, `maxAgeMs` at most. */
    remember(livingId: string, json: string, etag: string, freshUntil: number) {
      if (disabled) return;
      if (cards.size >= maxEntries && !cards.has(livingId)) cards.delete(cards.keys().next().value as string);
      cards.set(livingId, { body: Buffer.from(json), etag, until: Math.min(freshUntil, now() + maxAgeMs) });
    },

    /** This instance changed the live's card: its next request goes through the router, which reads the new one. */
    forget(livingId: string) {
      cards.delete(livingId);
    },

    /** Answers the request if it is a hot card's; `false` sends it on to the router. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      if (disabled || req.method !== 'GET' || !req.url?.startsWith(PREFIX)) return false;
      const livingId = req.url.slice(PREFIX.length);
      if (!LIVING_ID_PATTERN.test(livingId)) return false;
      const card = cards.get(livingId);
      if (!card || card.until <= now()) return false;
      const started = performance.now();
      const incoming = req.headers['x-request-id'];
      res.setHeader(
        'X-Request-Id',
        typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID(),
      );
      for (const [name, value] of securityHeaders) res.setHeader(name, value);
      res.setHeader('ETag', card.etag);
      res.setHeader('Cache-Control', 'no-cache');
      if (matches(req.headers['if-none-match'], card.etag)) {
        res.statusCode = 304;
        res.end();
      } else {
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', card.body.length);
        res.end(card.body);
      }
      metrics?.httpRequest(HOT_ROUTE, 'GET', res.statusCode, (performance.now() - started) / 1000);
      return true;
    },
  };
}

export type HotCards = ReturnType<typeof createHotCards>;

/** `If-None-Match` as Koa's freshness check reads it: `*`, or a list of (weak) validators. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}
