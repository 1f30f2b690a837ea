import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Tells the other instances that a key changed, so they drop their near copy of it. */
export interface InvalidationBus {
  publish(key: string): void;
  onInvalidate(listener: (key: string) => void): void;
  close(): Promise<void>;
}

/**
 * Redis pub/sub on one channel. Messages are `instance-id key`; an instance ignores its own. Best effort: a lost
 * message only means a near copy lives out its short TTL.
 */
export async function createRedisInvalidationBus({
  publisher,
  subscriber,
  channel,
}: {
  publisher: Redis;
  /** A connection of its own: a subscribed connection can do nothing else. */
  subscriber: Redis;
  channel: string;
}): Promise<InvalidationBus> {
  const self = randomBytes(8).toString('hex');
  const listeners: Array<(key: string) => void> = [];
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const space = message.indexOf(' ');
    if (space < 0 || message.slice(0, space) === self) return;
    const key = message.slice(space + 1);
    for (const listener of listeners) listener(key);
  });
  await subscriber.subscribe(channel).catch(() => undefined); // ioredis resubscribes on reconnect
  return {
    publish(key) {
      publisher.publish(channel, `${self} ${key}`).catch(() => undefined);
    },
    onInvalidate(listener) {
      listeners.push(listener);
    },
    async close() {
      await subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
