import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LiveCard } from '../../shared/live-card';

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
 * Several instances: a change is told to this instance's sockets at once and published on Redis for the others
 * (an instance ignores its own messages). Best effort, like pub/sub itself: a screen that missed a message still
 * polls, rarely, as the safety net.
 */
export async function createRedisCardBus({
  publisher,
  subscriber,
  channel,
}: {
  publisher: Redis;
  subscriber: Redis;
  channel: string;
}): Promise<CardBus> {
  const self = randomBytes(8).toString('hex');
  const local = listeners();
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const { origin, card } = JSON.parse(message) as { origin: string; card: LiveCard };
    if (origin !== self) local.emit(card);
  });
  await subscriber.subscribe(channel).catch(() => undefined);
  return {
    publish(card) {
      local.emit(card);
      publisher.publish(channel, JSON.stringify({ origin: self, card })).catch(() => undefined);
    },
    subscribe: local.add,
    async close() {
      await subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
