import type { SandboxApi } from './sandbox-api';

export type FaultTarget = SandboxApi | '*';

/** What tests (and the control endpoint) may break. `'*'` targets every API. */
export interface SandboxFaults {
  /** The next `count` (default 1) calls answer HTTP 200 `{errcode, errmsg}`, as the platform reports failures. */
  failNext(api: FaultTarget, errcode: number, count?: number): void;
  /** The next `count` calls answer this HTTP status with an HTML body, as a proxy in front of the platform would. */
  httpStatus(api: FaultTarget, status: number, count?: number): void;
  /** The next `count` calls get their socket destroyed without an answer. */
  drop(api: FaultTarget, count?: number): void;
  /** Every call waits `ms` before anything else happens, until `clear()`. */
  latency(api: FaultTarget, ms: number): void;
  /** While down, every call is dropped (the control endpoints keep working). */
  down(): void;
  up(): void;
  clear(): void;
}

/** The fault one call meets, decided when it arrives. */
export type Fault =
  { kind: 'failNext'; errcode: number } | { kind: 'httpStatus'; status: number } | { kind: 'drop' } | { kind: 'none' };

type OneShot = Exclude<Fault, { kind: 'none' }> & { api: FaultTarget; remaining: number };

export interface FaultInjector extends SandboxFaults {
  /** Milliseconds this call waits first: the larger of its API's latency and the `'*'` latency. */
  latencyFor(api: SandboxApi): number;
  /** Takes the fault for one call: down → drop, else the oldest one-shot fault aimed at this API or `'*'`. */
  take(api: SandboxApi): Fault;
  isDown(): boolean;
}

function positiveCount(count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`sandbox: fault count must be ≥ 1, got ${count}`);
  return count;
}

export function createFaultInjector(): FaultInjector {
  let oneShots: OneShot[] = [];
  const latencies = new Map<FaultTarget, number>();
  let down = false;

  return {
    failNext(api, errcode, count = 1) {
      if (!Number.isInteger(errcode) || errcode === 0)
        throw new RangeError('sandbox: failNext needs a non-zero errcode');
      oneShots.push({ kind: 'failNext', api, errcode, remaining: positiveCount(count) });
    },
    httpStatus(api, status, count = 1) {
      if (!Number.isInteger(status) || status < 200 || status > 599) {
        throw new RangeError(`sandbox: HTTP status must be 200–599, got ${status}`);
      }
      oneShots.push({ kind: 'httpStatus', api, status, remaining: positiveCount(count) });
    },
    drop(api, count = 1) {
      oneShots.push({ kind: 'drop', api, remaining: positiveCount(count) });
    },
    latency(api, ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`sandbox: latency must be ≥ 0 ms, got ${ms}`);
      latencies.set(api, ms);
    },
    down() {
      down = true;
    },
    up() {
      down = false;
    },
    clear() {
      oneShots = [];
      latencies.clear();
      down = false;
    },
    isDown: () => down,
    latencyFor(api) {
      return Math.max(latencies.get(api) ?? 0, latencies.get('*') ?? 0);
    },
    take(api) {
      if (down) return { kind: 'drop' };
      const shot = oneShots.find((s) => s.api === api || s.api === '*');
      if (!shot) return { kind: 'none' };
      if (--shot.remaining === 0) oneShots = oneShots.filter((s) => s !== shot);
      switch (shot.kind) {
        case 'failNext':
          return { kind: 'failNext', errcode: shot.errcode };
        case 'httpStatus':
          return { kind: 'httpStatus', status: shot.status };
        case 'drop':
          return { kind: 'drop' };
      }
    },
  };
}
