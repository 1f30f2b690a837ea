import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveCard } from '../../shared/live-card';
import { isLivingId } from '../../shared/living-id';
import {
  EVENTS_PATH,
  MAX_FRAME_BYTES,
  MAX_SUBSCRIBED_LIVES,
  type PushErrorCode,
  type ServerFrame,
} from '../../shared/push';
import { isAppError } from '../errors/app-error';
import type { CardBus } from './card-bus';

export interface EventSocketOptions {
  server: Server;
  bus: CardBus;
  /**
   * The current card of a live, sent right after it is subscribed to; `clientIp` is the socket's address, so a live
   * nobody knows is looked up in the same capped lane as over HTTP.
   */
  currentCard: (livingId: string, clientIp: string) => Promise<LiveCard>;
  logger: Logger;
  /** Frames larger than this close the socket (1009). */
  maxFrameBytes?: number;
  /** Sockets one client address may hold at once; more are refused (429) at the upgrade. */
  maxSocketsPerIp?: number;
  /** Sockets this instance holds at once, whoever holds them; more are refused (503 + Retry-After) at the upgrade. */
  maxSockets?: number;
  /** Frames one socket may send in a second; a flood closes it (1008). */
  maxFramesPerSecond?: number;
  /**
   * Lives one socket may newly subscribe to in a minute. Each one's current card may cost a WeCom call (a live not
   * cached yet), so a socket cycling through made-up ids must not spend the budget everyone shares.
   */
  maxNewLivesPerMinute?: number;
  /** Ping this often; a socket that did not answer the last ping is dropped. */
  heartbeatMs?: number;
  /** Where the client's address comes from (behind a proxy: `X-Forwarded-For`). */
  clientIp?: (req: IncomingMessage) => string;
  /** Push off (no WeCom callback configured): every upgrade is refused with 404, so clients keep polling. */
  enabled?: boolean;
}

interface Viewer {
  socket: WebSocket;
  ip: string;
  lives: Set<string>;
  alive: boolean;
  framesThisSecond: number;
  second: number;
  newLivesThisMinute: number;
  minute: number;
}

const send = (socket: WebSocket, frame: ServerFrame) => {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
};
const error = (code: PushErrorCode, message: string, livingId?: string): ServerFrame => ({
  type: 'error',
  error: { code, message, ...(livingId ? { livingId } : {}) },
});

/**
 * `GET /api/events`: one WebSocket per app (both platforms), over which a client says which lives are on screen
 * (`{"subscribe":[…]}`, the set replacing the last) and receives every change of their cards. A bad frame gets an
 * error frame and the socket stays open; an oversized frame or a flood closes it. Changes come from the card bus, so
 * a change made on any instance reaches the sockets of every instance.
 */
export function attachEventSocket({
  server,
  bus,
  currentCard,
  logger,
  maxFrameBytes = MAX_FRAME_BYTES,
  maxSocketsPerIp = 50,
  maxSockets = 10_000,
  maxFramesPerSecond = 10,
  maxNewLivesPerMinute = 100,
  heartbeatMs = 25_000,
  clientIp = (req) => req.socket.remoteAddress ?? 'unknown',
  enabled = true,
}: EventSocketOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  /** Who watches each live: a change is sent to exactly those sockets. */
  const watchers = new Map<string, Set<Viewer>>();
  const viewers = new Set<Viewer>();
  const allowance = socketAllowance({ maxSocketsPerIp, maxSockets });

  const watch = (viewer: Viewer, livingId: string, on: boolean) => {
    let set = watchers.get(livingId);
    if (on) {
      if (!set) watchers.set(livingId, (set = new Set()));
      set.add(viewer);
    } else if (set) {
      set.delete(viewer);
      if (set.size === 0) watchers.delete(livingId);
    }
  };

  const unsubscribeBus = bus.subscribe((card) => {
    const set = watchers.get(card.livingId);
    if (!set) return;
    const frame = JSON.stringify({ type: 'card', card } satisfies ServerFrame);
    for (const viewer of set) if (viewer.socket.readyState === viewer.socket.OPEN) viewer.socket.send(frame);
  });

  async function subscribe(viewer: Viewer, ids: string[]) {
    const next = new Set(ids);
    for (const id of viewer.lives) if (!next.has(id)) watch(viewer, id, false);
    const added = [...next].filter((id) => !viewer.lives.has(id));
    viewer.lives = next;
    for (const id of added) watch(viewer, id, true);
    await Promise.all(
      added.map(async (id) => {
        try {
          send(viewer.socket, { type: 'card', card: await currentCard(id, viewer.ip) });
        } catch (err) {
          if (isAppError(err) && err.code === 'LIVE_NOT_FOUND') {
            watch(viewer, id, false);
            viewer.lives.delete(id);
            send(viewer.socket, error('LIVE_NOT_FOUND', `No live with id ${id}`, id));
          } else if (isAppError(err) && err.code === 'TOO_MANY_REQUESTS') {
            // This address looked up too many lives nobody knows (the lane's cap, as over HTTP): not subscribed.
            watch(viewer, id, false);
            viewer.lives.delete(id);
            send(
              viewer.socket,
              error('TOO_MANY_LIVES', `Too many unknown lives; retry in ${err.retryAfter ?? 60} s`, id),
            );
          }
          // WeCom failing: the screen keeps what it has; the next change will come through the bus.
        }
      }),
    );
  }

  function onFrame(viewer: Viewer, data: Buffer, isBinary: boolean) {
    const second = Math.floor(Date.now() / 1000);
    if (second !== viewer.second) {
      viewer.second = second;
      viewer.framesThisSecond = 0;
    }
    if (++viewer.framesThisSecond > maxFramesPerSecond) {
      viewer.socket.close(1008, 'too many frames');
      return;
    }
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString('utf8'));
    } catch {
      frame = undefined;
    }
    const ids = (frame as { subscribe?: unknown } | undefined)?.subscribe;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      send(viewer.socket, error('BAD_REQUEST', 'Send {"subscribe":["livingId",…]}'));
      return;
    }
    if (ids.length > MAX_SUBSCRIBED_LIVES) {
      send(viewer.socket, error('TOO_MANY_LIVES', `At most ${MAX_SUBSCRIBED_LIVES} lives at once`));
      return;
    }
    const malformed = ids.find((id) => !isLivingId(id));
    if (malformed !== undefined) {
      send(viewer.socket, error('INVALID_LIVING_ID', 'Not a living id', malformed.slice(0, 128)));
      return;
    }
    const minute = Math.floor(Date.now() / 60_000);
    if (minute !== viewer.minute) {
      viewer.minute = minute;
      viewer.newLivesThisMinute = 0;
    }
    const fresh = new Set(ids.filter((id) => !viewer.lives.has(id))).size;
    if (viewer.newLivesThisMinute + fresh > maxNewLivesPerMinute) {
      send(viewer.socket, error('TOO_MANY_LIVES', `At most ${maxNewLivesPerMinute} new lives a minute`));
      return;
    }
    viewer.newLivesThisMinute += fresh;
    void subscribe(viewer, ids);
  }

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const viewer: Viewer = {
      socket,
      ip: clientIp(req),
      lives: new Set(),
      alive: true,
      framesThisSecond: 0,
      second: 0,
      newLivesThisMinute: 0,
      minute: 0,
    };
    viewers.add(viewer);
    socket.on('pong', () => (viewer.alive = true));
    socket.on('message', (data, isBinary) => onFrame(viewer, data as Buffer, isBinary));
    socket.on('error', () => undefined); // oversized frames and protocol errors close the socket; nothing to add
    socket.on('close', () => {
      viewers.delete(viewer);
      for (const id of viewer.lives) watch(viewer, id, false);
    });
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node takes its own error listener off a socket it hands to 'upgrade': without one, a client that resets the
    // connection while it is being refused (or before `ws` takes it) would be an uncaught error, ending the process.
    socket.on('error', () => undefined);
    const path = (req.url ?? '').split('?')[0];
    if (path !== EVENTS_PATH || !enabled) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const ip = clientIp(req);
    const refusal = allowance.take(ip);
    if (refusal === 'instance') {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 30\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    if (refusal === 'address') {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 30\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // The place is taken now (two upgrades at once cannot both slip under the limit) and given back exactly once,
    // whichever way this ends: the upgraded socket closing, or `ws` refusing the handshake (no Sec-WebSocket-Key, a
    // bad version…), in which case it destroys the raw socket and never emits a connection.
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      allowance.give(ip);
    };
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once('close', release);
      wss.emit('connection', ws, req);
    });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const viewer of viewers) {
      if (!viewer.alive) {
        viewer.socket.terminate();
        continue;
      }
      viewer.alive = false;
      viewer.socket.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  return {
    /** Sockets open right now (for metrics and tests). */
    size: () => wss.clients.size,
    /** Tells every client to go (1001: they reconnect elsewhere) and stops listening for upgrades. */
    async close() {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      unsubscribeBus();
      for (const socket of wss.clients) socket.close(1001, 'server going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      logger.debug({ event: 'event_socket_closed' }, 'event socket closed');
    },
  };
}

export type EventSocket = ReturnType<typeof attachEventSocket>;

/**
 * Places for event sockets: per client address and for the whole instance. `take` answers why there is no place,
 * or takes one; every place taken must be given back exactly once.
 */
function socketAllowance({ maxSocketsPerIp, maxSockets }: { maxSocketsPerIp: number; maxSockets: number }) {
  const perIp = new Map<string, number>();
  let total = 0;
  return {
    take(ip: string): 'instance' | 'address' | undefined {
      if (total >= maxSockets) return 'instance';
      const open = perIp.get(ip) ?? 0;
      if (open >= maxSocketsPerIp) return 'address';
      perIp.set(ip, open + 1);
      total += 1;
      return undefined;
    },
    give(ip: string): void {
      total -= 1;
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
    },
  };
}
