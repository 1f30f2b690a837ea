/** The first reconnect after a drop waits about this long… */
export const RECONNECT_FIRST_MS = 1_000;
/** …doubling per failure in a row, up to this. */
export const RECONNECT_MAX_MS = 60_000;
/** A socket that cannot even open (push off: `GET /api/events` is a 404; or no route to the BFF) backs off to this. */
export const REFUSED_MAX_MS = 5 * 60_000;

/**
 * Why a connection ended, which decides how soon to try again:
 * - `dropped`: it was open and the connection went (network, a server restarting);
 * - `refused`: it never opened (push may be off, or the network is down), so back off further;
 * - `told-off`: the server said not now — an upgrade refused with an HTTP status, or closed with 1008 (policy) or
 *   1013 (try again later) — so wait the longest at once.
 */
export type DisconnectKind = 'dropped' | 'refused' | 'told-off';

/** Close codes with which the server asks the client to stay away for a while. */
const TOLD_OFF_CODES: ReadonlySet<number> = new Set([1008, 1013]);

export function disconnectKind({ opened, code, errMsg }: { opened: boolean; code?: number; errMsg?: string }) {
  if (code !== undefined && TOLD_OFF_CODES.has(code)) return 'told-off';
  if (opened) return 'dropped';
  // WeChat names the handshake's status in errMsg, e.g. "Unexpected response code: 404" (the browser tells nothing).
  return errMsg && /\b[45]\d\d\b/.test(errMsg) ? 'told-off' : 'refused';
}

/**
 * How long to wait after the `failures`-th failure in a row (1, 2, …): 1 s doubling, capped at 60 s after a drop or
 * 5 minutes when the socket is refused, the full 5 minutes when told off. Jittered to between half and all of it, so
 * a server restart does not bring every viewer back in the same second.
 */
export function reconnectDelay(kind: DisconnectKind, failures: number, random: () => number = Math.random): number {
  const cap = kind === 'dropped' ? RECONNECT_MAX_MS : REFUSED_MAX_MS;
  const ceiling = kind === 'told-off' ? cap : Math.min(RECONNECT_FIRST_MS * 2 ** Math.max(0, failures - 1), cap);
  return Math.round(ceiling * (0.5 + random() / 2));
}
