import type { PlatformErrcodes } from '../upstream/platform-errcodes';

/** WeCom's documented errcodes that change what the client does. */
export const WECOM_ERRCODES: PlatformErrcodes = {
  busy: new Set([-1]),
  /** 40001 persisting after a refresh means a wrong secret. */
  tokenRefused: new Set([40001, 40014, 42001]),
  /** 45009: per API per corp (or per IP), the window lasts a minute. 45033: too many concurrent calls. */
  limited: new Map([
    [45009, 'rate'],
    [45033, 'concurrency'],
  ]),
  misconfigured: new Map([
    [40001, 'invalid corp secret'],
    [40013, 'invalid corp id'],
    [40056, 'invalid agent id'],
    [41002, 'corp id missing'],
    [41004, 'corp secret missing'],
    [48002, "API not permitted for this app (add it to the live app's API list)"],
    [60020, "caller IP not in the app's trusted IP list"],
    [60011, 'no privilege to access this resource'],
  ]),
};
