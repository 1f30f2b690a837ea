import type { Redis } from 'ioredis';
import { createRedisChannel } from './redis-channel';

/** Tells the other instances that a key changed, so they drop their near copy of it. */
export interface InvalidationBus {
  publish(key: string): void;
  onInvalidate(listener: (key: string) => void): void;
  close(): Promise<void>;
}

/** On Redis pub/sub: a lost message only means a near copy lives out its short TTL. */
export async function createRedisInvalidationBus(options: {
  publisher: Redis;
  subscriber: Redis;
  channel: string;
}): Promise<InvalidationBus> {
  const channel = await createRedisChannel<string>(options);
  return { publish: channel.publish, onInvalidate: channel.onMessage, close: channel.close };
}
