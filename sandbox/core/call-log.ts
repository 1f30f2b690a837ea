import type { SandboxApi } from './sandbox-api';

/** One request the sandbox received (control endpoints are not recorded). */
export interface SandboxCall {
  api: SandboxApi | 'unknown';
  method: string;
  /** Path without the query string. */
  path: string;
  /** The raw query, first value per key, INCLUDING secrets such as `access_token`: for tests only. */
  query: Record<string, string>;
  /** The parsed JSON body, the raw text when it is not JSON, `null` when there is none. */
  body: unknown;
  /**
   * The errcode answered (0 for success), `null` when no JSON answer was sent (dropped, HTTP fault, 404). The
   * authorize page records 0 for its redirect and its error page's code (`null` where WeChat documents none).
   */
  errcode: number | null;
  /** Clock time (ms) when the request arrived. */
  at: number;
}

/** Every call in arrival order; a call's `errcode` is filled in once it has been answered. */
export function createCallLog() {
  let calls: SandboxCall[] = [];
  return {
    record(call: SandboxCall): SandboxCall {
      calls.push(call);
      return call;
    },
    all(): readonly SandboxCall[] {
      return calls;
    },
    to(api: SandboxApi): SandboxCall[] {
      return calls.filter((call) => call.api === api);
    },
    clear(): void {
      calls = [];
    },
  };
}

export type CallLog = ReturnType<typeof createCallLog>;
