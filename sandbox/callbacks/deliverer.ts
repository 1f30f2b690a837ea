import { randomInt } from 'node:crypto';
import { Agent } from 'undici';
import { createCallbackFaults, type SandboxCallbackFaults } from './faults';
import { exchange } from './exchange';
import { randomCallbackToken } from './secrets';
import { checkCallbackTarget, type CallbackTarget } from './target';
import type { LivingStatus } from '../wecom/living/living-info';
import { callbackEnvelopeXml, livingStatusChangeXml, type LivingStatusChange } from './event-xml';
import { callbackSignature, encryptCallbackMessage } from './message-crypto';

/** WeCom's rule: three retries after the first delivery. */
export const CALLBACK_DELIVERIES_PER_EVENT = 4;

/** One delivery attempt of one event, as a test sees it. */
export interface CallbackDelivery {
  livingId: string;
  status: LivingStatus;
  /** The event's `CreateTime` (Unix seconds): the same on every attempt and copy, as the BFF de-duplicates on it. */
  createTime: number;
  /** 1 for the first delivery, up to 4 (three retries). */
  attempt: number;
  /** Which copy of a duplicated event (1-based); only present under the `duplicate` fault. */
  copy?: number;
  /** Present when this delivery carried a forged `msg_signature`. */
  forged?: true;
  /** `null` when no answer came (timeout, connection error). Only 200 counts as received. */
  httpStatus: number | null;
  answer: string | null;
  /** Real milliseconds the exchange took. */
  ms: number;
  /** Why no answer came: `timeout` or the connection error's code. */
  error?: string;
}

/** The outcome of WeCom's URL check (the GET with `echostr` an admin triggers by saving the callback settings). */
export interface CallbackUrlCheck {
  /** Whether the app answered 200 with exactly the decrypted echostr (no quotes, no newline, no BOM). */
  ok: boolean;
  httpStatus: number | null;
  answer: string | null;
  /** The plaintext the app had to answer. */
  expected: string;
  error?: string;
}

/** What tests, the control endpoints and the BFF's sandbox-mode start code may do with WeCom's callbacks. */
export interface SandboxCallbacks {
  /**
   * Sets (or with `undefined` removes) where callbacks go. Checked as WeCom's console checks it; throws a RangeError
   * otherwise. Takes effect for the next delivery attempt, pending ones included.
   */
  configure(target: CallbackTarget | undefined): void;
  /** The current target (agentId filled in), or `undefined` when callbacks are off. */
  target(): Required<CallbackTarget> | undefined;
  /** Every delivery attempt since the start or the last `reset()`, oldest first. */
  deliveries(): CallbackDelivery[];
  /** Resolves once no delivery is queued, waiting or in flight (an event held back by `outOfOrder` does not count). */
  idle(): Promise<void>;
  /** Runs WeCom's URL check against the target; rejects when none is configured. */
  verifyUrl(): Promise<CallbackUrlCheck>;
  faults: SandboxCallbackFaults;
}

export interface CallbackDeliverer extends SandboxCallbacks {
  /** A live's status changed: queue its event (dropped when callbacks are off, as WeCom has nowhere to send it). */
  statusChanged(change: LivingStatusChange): void;
  /** Forgets deliveries and faults and abandons pending ones; the target stays. */
  reset(): void;
  /** Abandons pending deliveries, their timers and connections; later status changes deliver again. */
  close(): Promise<void>;
}

interface QueuedEvent extends LivingStatusChange {
  copies: number;
}

/**
 * WeCom's callback sender. Each event is queued behind the earlier events of its live (lives run side by side),
 * delivered with a fresh encryption, nonce and timestamp per attempt, and retried after `retryDelayMs` when the app
 * does not answer 200 within `timeoutMs`, at most {@link CALLBACK_DELIVERIES_PER_EVENT} deliveries in all. Status
 * changes return at once; everything happens in the background.
 */
export function createCallbackDeliverer({
  corpId,
  now,
  target: initialTarget,
  timeoutMs,
  retryDelayMs,
}: {
  corpId: string;
  now: () => number;
  target: CallbackTarget | undefined;
  timeoutMs: number;
  retryDelayMs: number;
}): CallbackDeliverer {
  let target = initialTarget && checkCallbackTarget(initialTarget);
  let records: CallbackDelivery[] = [];
  const faults = createCallbackFaults();
  /** The older event of an `outOfOrder` pair, waiting for the newer. */
  let held: QueuedEvent | undefined;
  /** The tail of each live's queue. */
  const chains = new Map<string, Promise<void>>();
  let pending = 0;
  let idleWaiters: Array<() => void> = [];
  // Everything pending belongs to one generation; reset() and close() start a new one and abort the old.
  let generation = new AbortController();
  const sleeps = new Map<NodeJS.Timeout, (completed: boolean) => void>();
  let agent: Agent | undefined;
  const dispatcher = () => (agent ??= new Agent());

  const sleep = (ms: number, cancel: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (cancel.aborted) return resolve(false);
      const timer = setTimeout(() => {
        sleeps.delete(timer);
        resolve(true);
      }, ms);
      sleeps.set(timer, resolve);
    });

  const settle = () => {
    if (pending > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const seconds = () => String(Math.floor(now() / 1000));
  const nonce = () => randomDigits(10);

  async function deliverOnce(event: QueuedEvent, to: Required<CallbackTarget>, forged: boolean, cancel: AbortSignal) {
    const message = livingStatusChangeXml(event, corpId, to.agentId);
    const encrypted = encryptCallbackMessage(to.aesKey, message, corpId);
    const timestamp = seconds();
    const once = nonce();
    const signature = callbackSignature(forged ? randomCallbackToken() : to.token, timestamp, once, encrypted);
    const url = new URL(to.url);
    url.searchParams.append('msg_signature', signature);
    url.searchParams.append('timestamp', timestamp);
    url.searchParams.append('nonce', once);
    return exchange({
      dispatcher: dispatcher(),
      method: 'POST',
      url,
      headers: { 'content-type': 'text/xml' },
      body: callbackEnvelopeXml(encrypted, corpId, to.agentId),
      timeoutMs,
      cancel,
    });
  }

  async function deliver(event: QueuedEvent, cancel: AbortSignal): Promise<void> {
    for (let copy = 1; copy <= event.copies; copy++) {
      for (let attempt = 1; attempt <= CALLBACK_DELIVERIES_PER_EVENT; attempt++) {
        const wait = faults.delayMs();
        if (wait > 0 && !(await sleep(wait, cancel))) return;
        if (cancel.aborted || !target) return;
        const forged = faults.takeForgedSignature();
        const result = await deliverOnce(event, target, forged, cancel);
        if (cancel.aborted) return;
        records.push({
          livingId: event.livingId,
          status: event.status,
          createTime: event.createTime,
          attempt,
          ...(event.copies > 1 ? { copy } : {}),
          ...(forged ? { forged: true as const } : {}),
          ...result,
        });
        if (result.httpStatus === 200) break;
        if (attempt < CALLBACK_DELIVERIES_PER_EVENT && !(await sleep(retryDelayMs, cancel))) return;
      }
    }
  }

  /** Queues `event` behind its live's earlier events and, when given, behind `after` (the swapped partner). */
  function enqueue(event: QueuedEvent, after?: Promise<void>): Promise<void> {
    const cancel = generation.signal;
    const previous = chains.get(event.livingId);
    pending++;
    const job = Promise.all([previous, after])
      .then(() => deliver(event, cancel))
      .catch(() => undefined)
      .finally(() => {
        if (chains.get(event.livingId) === job) chains.delete(event.livingId);
        pending--;
        settle();
      });
    chains.set(event.livingId, job);
    return job;
  }

  function abandonPending(): void {
    generation.abort();
    generation = new AbortController();
    for (const [timer, resolve] of sleeps) {
      clearTimeout(timer);
      resolve(false);
    }
    sleeps.clear();
    chains.clear();
    held = undefined;
  }

  const idle = () => new Promise<void>((resolve) => (pending === 0 ? resolve() : idleWaiters.push(resolve)));

  return {
    configure(next) {
      target = next && checkCallbackTarget(next);
    },
    target: () => target,
    deliveries: () => records.map((record) => ({ ...record })),
    idle,
    async verifyUrl() {
      if (!target) throw new Error('sandbox: no callback target configured');
      const expected = randomDigits(19);
      const echostr = encryptCallbackMessage(target.aesKey, expected, corpId);
      const timestamp = seconds();
      const once = nonce();
      const url = new URL(target.url);
      url.searchParams.append('msg_signature', callbackSignature(target.token, timestamp, once, echostr));
      url.searchParams.append('timestamp', timestamp);
      url.searchParams.append('nonce', once);
      url.searchParams.append('echostr', echostr);
      const result = await exchange({
        dispatcher: dispatcher(),
        method: 'GET',
        url,
        timeoutMs,
        cancel: generation.signal,
      });
      return { ok: result.httpStatus === 200 && result.answer === expected, expected, ...result };
    },
    faults: {
      duplicate: (copies) => faults.duplicate(copies),
      outOfOrder: () => faults.outOfOrder(),
      forgeSignature: () => faults.forgeSignature(),
      delay: (ms) => faults.delay(ms),
      clear() {
        faults.clear();
        const release = held;
        held = undefined;
        if (release) enqueue(release);
      },
    },
    statusChanged(change) {
      if (!target) return;
      const event: QueuedEvent = { ...change, copies: faults.takeCopies() };
      if (held) {
        const older = held;
        held = undefined;
        enqueue(older, enqueue(event));
      } else if (faults.takeOutOfOrder()) {
        held = event;
      } else {
        enqueue(event);
      }
    },
    reset() {
      abandonPending();
      faults.clear();
      records = [];
    },
    async close() {
      abandonPending();
      await idle();
      const closing = agent;
      agent = undefined;
      await closing?.destroy();
    },
  };
}

/** `n` decimal digits, the first not 0: WeCom's nonces (`1372623149`) and echostr plaintexts (`1616140317555161061`). */
function randomDigits(n: number): string {
  return String(randomInt(1, 10)) + Array.from({ length: n - 1 }, () => randomInt(10)).join('');
}
