import type { LiveCard } from '../../../shared/live-card';
import { MAX_FRAME_BYTES, MAX_SUBSCRIBED_LIVES, type ServerFrame, type SubscribeFrame } from '../../../shared/push';
import type { ConnectSocket, PushSocket } from './push-socket';
import { disconnectKind, reconnectDelay } from './reconnect-delay';

/** After the last consumer leaves (a page hidden, the app in the background), the socket closes this much later. */
export const LINGER_MS = 1_000;
/**
 * The largest subscribe frame sent is the BFF's limit (`MAX_FRAME_BYTES`; larger closes the socket, 1009). Living
 * ids are ASCII, so characters are bytes; 50 ids of WeCom's usual length take well under half of it.
 */
export { MAX_FRAME_BYTES };
/** A connection open this long counts as good: the next drop reconnects from the first delay again. */
export const STABLE_MS = 30_000;

export interface LiveListener {
  /** A card frame for one of this consumer's lives: the live as it is now. */
  onCard?(card: LiveCard): void;
  /** True while the socket is open and its last subscribe frame covers all of this consumer's lives. */
  onConnectionChange?(connected: boolean): void;
}

export interface LiveSocket {
  /**
   * Wants card frames for `livingIds` until the returned function is called. The socket opens while anyone wants
   * something and sends one subscribe frame with the union (newest consumer's lives first, at most 50).
   */
  subscribe(livingIds: readonly string[], listener: LiveListener): () => void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveSocketOptions {
  connect: ConnectSocket;
  /** `ws(s)://…/api/events` (`events-url(.h5).ts`). */
  url: string;
  timers?: Timers;
  now?: () => number;
  /** For the reconnect jitter; `Math.random` unless told. */
  random?: () => number;
}

interface Consumer {
  ids: readonly string[];
  listener: LiveListener;
  connected: boolean;
}

interface Connection {
  socket?: PushSocket;
  open: boolean;
  openedAt: number;
  /** The lives of the last subscribe frame sent on this connection, joined. */
  sent?: string;
  ended: boolean;
}

const globalTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The app's one push socket (the mini program allows five per app): shared by every page, open only while some
 * consumer wants a live, re-subscribed after every (re)connect, reconnecting with jittered back-off
 * (`reconnect-delay.ts`). Consumers unsubscribe while their page is hidden, so the socket closes in the background
 * (WeChat fails socket work 5 s after the app leaves the screen) and opens again on show — never before the back-off
 * of the last failure has passed, so a refused socket (push off) is not retried on every show.
 */
export function createLiveSocket({
  connect,
  url,
  timers = globalTimers,
  now = () => Date.now(),
  random = Math.random,
}: LiveSocketOptions): LiveSocket {
  // Plain arrays and loops: this runs in the first load of every H5 page, where each transpiled helper counts.
  const consumers: Consumer[] = [];
  let connection: Connection | undefined;
  let failures = 0;
  let retryAt = 0;
  let retryTimer: unknown;
  let lingerTimer: unknown;
  let flushQueued = false;

  /** The union, newest consumer's lives first, at most 50 and one frame's worth of bytes. */
  function wanted(): string[] {
    const ids: string[] = [];
    let bytes = 16; // {"subscribe":[]}
    for (let i = consumers.length - 1; i >= 0; i -= 1) {
      consumers[i]!.ids.forEach((id) => {
        const more = id.length + (ids.length > 0 ? 3 : 2); // quotes, and a comma after the first
        if (ids.indexOf(id) >= 0 || ids.length >= MAX_SUBSCRIBED_LIVES || bytes + more > MAX_FRAME_BYTES) return;
        ids.push(id);
        bytes += more;
      });
    }
    return ids;
  }

  /** Changes made in one go (a page unmounting while another mounts) end up in one frame. */
  function changed() {
    if (flushQueued) return;
    flushQueued = true;
    void Promise.resolve().then(flush);
  }

  function flush() {
    flushQueued = false;
    const ids = wanted();
    if (ids.length > 0) {
      timers.clearTimeout(lingerTimer);
      lingerTimer = undefined;
      if (!connection) connectWhenDue();
      else if (connection.open) sendSubscribe(connection, ids);
    } else {
      timers.clearTimeout(retryTimer);
      retryTimer = undefined;
      if (connection && lingerTimer === undefined) {
        lingerTimer = timers.setTimeout(() => {
          lingerTimer = undefined;
          if (connection) abandon(connection);
        }, LINGER_MS);
      }
    }
    updateConnected();
  }

  function sendSubscribe(conn: Connection, ids: string[]) {
    const joined = ids.join(' ');
    if (conn.sent === joined || !conn.socket) return;
    conn.socket.send(JSON.stringify({ subscribe: ids } satisfies SubscribeFrame));
    conn.sent = joined;
  }

  function updateConnected() {
    const covered = connection && connection.open && connection.sent ? connection.sent.split(' ') : [];
    consumers.slice().forEach((consumer) => {
      const connected = consumer.ids.length > 0 && consumer.ids.every((id) => covered.indexOf(id) >= 0);
      if (connected === consumer.connected) return;
      consumer.connected = connected;
      if (consumer.listener.onConnectionChange) consumer.listener.onConnectionChange(connected);
    });
  }

  function connectWhenDue() {
    if (retryTimer !== undefined) return;
    const wait = retryAt - now();
    if (wait <= 0) return open();
    retryTimer = timers.setTimeout(() => {
      retryTimer = undefined;
      if (!connection && wanted().length > 0) open();
    }, wait);
  }

  function open() {
    const conn: Connection = { open: false, openedAt: 0, ended: false };
    connection = conn;
    const end = (code?: number, errMsg?: string) => {
      if (conn.ended) return;
      conn.ended = true;
      if (conn.socket) conn.socket.close();
      if (connection !== conn) return;
      connection = undefined;
      if (conn.open && now() - conn.openedAt >= STABLE_MS) failures = 0;
      failures += 1;
      retryAt = now() + reconnectDelay(disconnectKind({ opened: conn.open, code, errMsg }), failures, random);
      updateConnected();
      if (wanted().length > 0) connectWhenDue();
    };
    new Promise<PushSocket>((resolve) => resolve(connect(url))).then(
      (socket) => {
        conn.socket = socket;
        socket.onOpen(() => {
          if (conn.ended) return socket.close();
          conn.open = true;
          conn.openedAt = now();
          const ids = wanted();
          if (ids.length > 0) sendSubscribe(conn, ids);
          updateConnected();
        });
        socket.onMessage((data) => {
          if (!conn.ended) receive(data);
        });
        socket.onError((event) => end(undefined, event.errMsg));
        socket.onClose((event) => end(event.code));
        // Given up while the platform was still connecting (the page went away). WeChat may refuse to close a
        // socket that is still connecting: `onOpen` above closes it again once it opens.
        if (conn.ended) socket.close();
      },
      (error: { errMsg?: string } | undefined) => end(undefined, error && error.errMsg),
    );
  }

  /** Closed by this side (nobody wants it any more): not a failure. */
  function abandon(conn: Connection) {
    conn.ended = true;
    if (conn.socket) conn.socket.close();
    connection = undefined;
    updateConnected();
  }

  function receive(data: unknown) {
    let frame: ServerFrame | undefined;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    const card = frame && frame.type === 'card' ? frame.card : undefined;
    if (!card || typeof card.livingId !== 'string') return;
    consumers.slice().forEach((consumer) => {
      if (consumers.indexOf(consumer) >= 0 && consumer.ids.indexOf(card.livingId) >= 0 && consumer.listener.onCard) {
        consumer.listener.onCard(card);
      }
    });
  }

  return {
    subscribe(livingIds, listener) {
      const consumer: Consumer = {
        ids: livingIds.filter((id, i) => livingIds.indexOf(id) === i),
        listener,
        connected: false,
      };
      consumers.push(consumer);
      changed();
      return () => {
        const i = consumers.indexOf(consumer);
        if (i < 0) return;
        consumers.splice(i, 1);
        changed();
      };
    },
  };
}
