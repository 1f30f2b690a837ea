import type { Logger } from 'pino';
import type { LiveCard } from '../../shared/live-card';
import { AppError } from '../errors/app-error';
import type { LiveCardService } from '../lives/live-card-service';
import type { CardBus } from '../push/card-bus';
import type { Store } from '../store/store';
import { CallbackCryptoError, aesKeyOf, openCallback } from './callback-crypto';
import { parseLivingStatusEvent, xmlFields, type LivingStatusEvent } from './living-status-event';

export interface CallbackServiceOptions {
  /** The Token and EncodingAESKey set on the app's "receive messages" page. */
  token: string;
  encodingAesKey: string;
  /** Our corp id: the receive id every payload must end with. */
  corpId: string;
  store: Store;
  cards: Pick<LiveCardService, 'applyStatus' | 'refresh'>;
  bus: CardBus;
  logger: Logger;
  now?: () => number;
  /** A callback signed further from now than this is refused (a replay of an old one). */
  maxSkewMs?: number;
  /** How long an event's identity is remembered: longer than WeCom's retries of it. */
  dedupeMs?: number;
  /**
   * Told of every event applied (once, on the instance that applied it), after the screens: 开播提醒 go out on a
   * start. Must not throw nor keep WeCom waiting (its answer does not wait for this).
   */
  onStatus?: (livingId: string, status: number) => void;
  /** Told what became of each event (for metrics). */
  onEvent?: (outcome: CallbackOutcome | 'refused') => void;
}

/** What became of an event WeCom sent; WeCom is told `success` for each, so it stops retrying. */
export type CallbackOutcome = 'applied' | 'duplicate' | 'older';

/**
 * How far along its life a status is: a live only moves forward (reserved → live → ended; reserved → cancelled or
 * expired). `CreateTime` has whole seconds, so two changes within one second are ordered by this instead.
 */
const PROGRESS: Record<number, number> = { 0: 0, 1: 1, 2: 2, 3: 2, 4: 2 };

/** Whether `event` comes before the last one applied to its live. */
function isOlder(event: LivingStatusEvent, last: { createTime: number; status: number }): boolean {
  if (event.createTime !== last.createTime) return event.createTime < last.createTime;
  return (PROGRESS[event.status] ?? 0) < (PROGRESS[last.status] ?? 0);
}

/** Why a callback was refused: 400, no effect, one log line without the payload. */
const refused = (why: string) => new AppError('CALLBACK_INVALID', `Callback refused: ${why}`);

/**
 * WeCom's `living_status_change` callback, from signed ciphertext to every open screen. Each event is applied once
 * however often WeCom delivers it (and to whichever instance): its identity (corp + live + status + time) is added
 * to the store, and only the caller that added it goes on. An event older than the last one applied to its live
 * is ignored. Applying writes the pushed status into the cached card and publishes it, with no WeCom call on the
 * way; the full card is then fetched in the background and published again if it differs.
 */
export function createCallbackService({
  token,
  encodingAesKey,
  corpId,
  store,
  cards,
  bus,
  logger,
  now = Date.now,
  maxSkewMs = 5 * 60_000,
  dedupeMs = 30 * 60_000,
  onEvent,
  onStatus,
}: CallbackServiceOptions) {
  const aesKey = aesKeyOf(encodingAesKey);

  function open(query: { signature: string; timestamp: string; nonce: string }, encrypted: string): string {
    if (!query.signature || !query.timestamp || !query.nonce) throw refused('unsigned');
    const seconds = Number(query.timestamp);
    if (!Number.isFinite(seconds) || Math.abs(now() - seconds * 1000) > maxSkewMs) throw refused('timestamp');
    try {
      return openCallback({ token, aesKey, receiveId: corpId, encrypted, ...query });
    } catch (err) {
      if (err instanceof CallbackCryptoError) throw refused(err.failure);
      throw refused('undecryptable');
    }
  }

  async function refreshInBackground(livingId: string, pushed: LiveCard | undefined) {
    try {
      const card = await cards.refresh(livingId);
      if (!pushed || JSON.stringify(card) !== JSON.stringify(pushed)) bus.publish(card);
    } catch (err) {
      // WeCom down or slow: the pushed status stands (and the card reads as stale once it is old).
      logger.warn({ event: 'callback_refresh_failed', livingId, err: String(err) }, 'card refresh after a push failed');
    }
  }

  async function apply(event: LivingStatusEvent): Promise<CallbackOutcome> {
    const identity = `callback:${event.corpId}:${event.livingId}:${event.status}:${event.createTime}`;
    if (!(await store.add(identity, true, dedupeMs))) return 'duplicate';
    const lastKey = `callback-last:${event.livingId}`;
    const last = await store.get<{ createTime: number; status: number }>(lastKey);
    if (last && isOlder(event, last)) return 'older';
    await store.set(lastKey, { createTime: event.createTime, status: event.status }, 24 * 3600_000);
    const pushed = await cards.applyStatus(event.livingId, event.status);
    if (pushed) bus.publish(pushed);
    onStatus?.(event.livingId, event.status);
    void refreshInBackground(event.livingId, pushed);
    return 'applied';
  }

  return {
    /** WeCom's URL check: the decrypted `echostr`, to be answered as plain text. */
    verifyUrl(query: { signature: string; timestamp: string; nonce: string; echostr: string }): string {
      return open(query, query.echostr);
    },

    /** One delivered event (the XML envelope as received): applied once, in order, and answered at once. */
    async receive(
      query: { signature: string; timestamp: string; nonce: string },
      body: string,
    ): Promise<CallbackOutcome> {
      let event: LivingStatusEvent | undefined;
      try {
        const envelope = xmlFields(body);
        const encrypted = typeof envelope?.Encrypt === 'string' ? envelope.Encrypt : undefined;
        if (!encrypted) throw refused('no Encrypt');
        event = parseLivingStatusEvent(open(query, encrypted));
        if (!event) throw refused('not a living_status_change');
        if (event.corpId !== corpId) throw refused('another corp');
      } catch (err) {
        onEvent?.('refused');
        throw err;
      }
      const outcome = await apply(event);
      onEvent?.(outcome);
      logger.info(
        { event: 'callback', livingId: event.livingId, status: event.status, createTime: event.createTime, outcome },
        'living_status_change',
      );
      return outcome;
    },
  };
}

export type CallbackService = ReturnType<typeof createCallbackService>;
