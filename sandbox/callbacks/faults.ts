/** What tests (and `POST /__sandbox/callback/faults`) may do to WeCom's callback deliveries. */
export interface SandboxCallbackFaults {
  /** The next event is delivered `copies` times in all (each copy retried as usual), answered or not. */
  duplicate(copies: number): void;
  /** The next two events are delivered swapped: the newer first, then the older. */
  outOfOrder(): void;
  /** The next delivery carries a wrong `msg_signature` (signed with some other token). */
  forgeSignature(): void;
  /** Every delivery waits `ms` before it is sent, until `clear()`. */
  delay(ms: number): void;
  /** Removes every callback fault; an event held back by `outOfOrder` is delivered now. */
  clear(): void;
}

export interface CallbackFaults extends SandboxCallbackFaults {
  /** How many times the event arriving now is delivered (1 unless `duplicate` is pending). */
  takeCopies(): number;
  /** Whether the event arriving now starts a swapped pair. */
  takeOutOfOrder(): boolean;
  /** Whether the delivery being sent now carries a forged signature. */
  takeForgedSignature(): boolean;
  delayMs(): number;
}

/** One-shot faults are consumed in the order they were asked for, as the API faults are. */
export function createCallbackFaults(): CallbackFaults {
  let copies: number[] = [];
  let swaps = 0;
  let forgeries = 0;
  let delayMs = 0;
  return {
    duplicate(n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`sandbox: duplicate needs copies ≥ 1, got ${n}`);
      copies.push(n);
    },
    outOfOrder() {
      swaps++;
    },
    forgeSignature() {
      forgeries++;
    },
    delay(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`sandbox: callback delay must be ≥ 0 ms, got ${ms}`);
      delayMs = ms;
    },
    clear() {
      copies = [];
      swaps = 0;
      forgeries = 0;
      delayMs = 0;
    },
    takeCopies: () => copies.shift() ?? 1,
    takeOutOfOrder() {
      if (swaps === 0) return false;
      swaps--;
      return true;
    },
    takeForgedSignature() {
      if (forgeries === 0) return false;
      forgeries--;
      return true;
    },
    delayMs: () => delayMs,
  };
}
