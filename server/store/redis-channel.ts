import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Redis pub/sub channel between the instances: each hears the others' messages, never its own. */
export interface RedisChannel<T> {
  publish(message: T): void;
  onMessage(listener: (message: T) => void): void;
  close(): Promise<void>;
}

/**
 * Messages are JSON `{origin, message}`; best effort, like pub/sub itself (a lost one only delays what it says).
 * ioredis subscribes again after every reconnect.
 */
export async function createRedisChannel<T>({
  publisher,
  subscriber,
  channel,
}: {
  publisher: Redis;
  /** A connection of its own: a subscribed connection can do nothing else. */
  subscriber: Redis;
  channel: string;
}): Promise<RedisChannel<T>> {
  const self = randomBytes(8).toString('hex');
  const listeners: Array<(message: T) => void> = [];
  subscriber.on('message', (from: string, raw: string) => {
    if (from !== channel) return;
    const { origin, message } = JSON.parse(raw) as { origin: string; message: T };
    if (origin !== self) for (const listener of listeners) listener(message);
  });
  await subscriber.subscribe(channel).catch(() => undefined);
  return {
    publish(message) {
      publisher.publish(channel, JSON.stringify({ origin: self, message })).catch(() => undefined);
    },
    onMessage(listener) {
      listeners.push(listener);
    },
    async close() {
      await subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
