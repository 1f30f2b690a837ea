import type { Redis } from 'ioredis';
import type { LiveCard } from '../../shared/live-card';
import { createRedisChannel } from '../store/redis-channel';

/** A card changed: every instance's sockets subscribed to that live must get it. */
export interface CardBus {
  publish(card: LiveCard): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (card: LiveCard) => void): () => void;
  close(): Promise<void>;
}

function listeners() {
  const all = new Set<(card: LiveCard) => void>();
  return {
    add(listener: (card: LiveCard) => void) {
      all.add(listener);
      return () => void all.delete(listener);
    },
    /** After the current turn: whoever published (WeCom's callback) answers first, the screens are told next. */
    emit(card: LiveCard) {
      setImmediate(() => {
        for (const listener of all) listener(card);
      });
    },
  };
}

/** One process: a change reaches this process's sockets. */
export function createMemoryCardBus(): CardBus {
  const local = listeners();
  return { publish: local.emit, subscribe: local.add, close: async () => undefined };
}

/**
 * Several instances: a change is told to this instance's sockets and published on Redis for the others. Best
 * effort, like pub/sub itself: a screen that missed a message still polls, rarely, as the safety net.
 */
export async function createRedisCardBus(options: {
  publisher: Redis;
  subscriber: Redis;
  channel: string;
}): Promise<CardBus> {
  const local = listeners();
  const channel = await createRedisChannel<LiveCard>(options);
  channel.onMessage(local.emit);
  return {
    publish(card) {
      local.emit(card);
      channel.publish(card);
    },
    subscribe: local.add,
    close: channel.close,
  };
}
