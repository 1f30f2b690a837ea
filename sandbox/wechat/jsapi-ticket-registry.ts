import { randomJsapiTicket } from '../core/random-strings';

export interface JsapiTicketRegistry {
  /**
   * `getticket?type=jsapi`: the SAME ticket while it is valid, with only the remaining `expires_in`, and a new one
   * once it has expired. WeChat limits getticket calls per day and tells everyone to cache the ticket; a BFF that
   * asks per page view shows up in the call log here.
   */
  grant(appId: string): { ticket: string; expires_in: number };
  issued(): string[];
  /** Every ticket expires now; the next getticket hands out a fresh one. */
  expireAll(): void;
  clear(): void;
}

/** The service account's JS-SDK tickets, one current ticket per app. */
export function createJsapiTicketRegistry({
  now,
  ttlSeconds,
}: {
  now: () => number;
  ttlSeconds: number;
}): JsapiTicketRegistry {
  const tickets: Array<{ ticket: string; expiresAt: number }> = [];
  const current = new Map<string, { ticket: string; expiresAt: number }>();
  return {
    grant(appId) {
      let entry = current.get(appId);
      if (!entry || entry.expiresAt <= now()) {
        entry = { ticket: randomJsapiTicket(), expiresAt: now() + ttlSeconds * 1000 };
        tickets.push(entry);
        current.set(appId, entry);
      }
      return { ticket: entry.ticket, expires_in: Math.max(1, Math.floor((entry.expiresAt - now()) / 1000)) };
    },
    issued: () => tickets.map((entry) => entry.ticket),
    expireAll() {
      const at = now();
      for (const entry of tickets) entry.expiresAt = Math.min(entry.expiresAt, at);
    },
    clear() {
      tickets.length = 0;
      current.clear();
    },
  };
}
