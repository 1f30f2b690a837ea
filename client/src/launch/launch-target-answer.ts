import type { CodeDeferral, LaunchTarget, LivingCodeDeferred } from '../../../shared/api';
import { isDeferredCode, type LivingCode } from '../api/bff-api';

/** A launch target, with how long its living code stays valid from when it arrived (when the source knows). */
export interface TimedLaunchTarget extends LaunchTarget {
  /** Unknown: assume a fresh code (five minutes). A code the BFF reused arrives with less. */
  validForMs?: number;
  /** When the BFF wants the background refresh (`refreshInSeconds`); unknown: a minute before the code runs out. */
  refreshInMs?: number;
}

/** A background request the BFF put off: no code for now (`before_start`, `budget`), ask again after `retryInMs`. */
export interface DeferredLaunchTarget {
  deferred: CodeDeferral;
  retryInMs: number;
}

/** What asking for a launch target answers: a target, or (only to a background request) when to ask again. */
export type LaunchTargetAnswer = TimedLaunchTarget | DeferredLaunchTarget;

export function isDeferredTarget(answer: LaunchTargetAnswer): answer is DeferredLaunchTarget {
  return 'deferred' in answer;
}

/** The BFF's answer to a code request, in the launch target's terms (milliseconds, the launch alone). */
export function launchTargetAnswer(code: LivingCode | LivingCodeDeferred): LaunchTargetAnswer {
  if (isDeferredCode(code)) return { deferred: code.deferred, retryInMs: code.retryInSeconds * 1000 };
  return {
    ...code.launch,
    validForMs: code.validForMs,
    refreshInMs: code.refreshInSeconds === undefined ? undefined : code.refreshInSeconds * 1000,
  };
}
