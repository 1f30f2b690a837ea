import type { SubscribeApp, SubscribeTemplate } from './subscribe-templates';

/** One subscribe message the sandbox delivered. */
export interface SubscribeDelivery {
  app: SubscribeApp;
  api: 'message/subscribe/send' | 'message/subscribe/bizsend';
  touser: string;
  templateId: string;
  /** The mini program page (`send`) or the URL (`bizsend`) a tap opens. */
  page?: string;
  /** `bizsend`: the mini program page a tap opens. */
  miniprogram?: { appid: string; pagepath: string };
  data: Record<string, string>;
  at: number;
}

/** What tests (and the control endpoints) do with subscribe messages: users' answers to the prompt, and deliveries. */
export interface SandboxSubscriptions {
  /** The templates each app holds. */
  templates(): Readonly<Record<SubscribeApp, SubscribeTemplate>>;
  /**
   * `openid` (of `app`) tapped "allow" on `templateId` `count` times (default 1): that many messages may be sent,
   * as WeChat's one-time subscriptions allow. The openid is then one of the app's.
   */
  accept(app: SubscribeApp, openid: string, templateId: string, count?: number): void;
  /** `openid` refused (or turned off) the app's messages: every send answers 43101. The openid is one of the app's. */
  refuse(app: SubscribeApp, openid: string): void;
  /** Sends still allowed. */
  remaining(app: SubscribeApp, openid: string, templateId: string): number;
  /** Every message delivered, oldest first. */
  deliveries(): readonly SubscribeDelivery[];
  clear(): void;
}

export interface SubscriptionRegistry extends SandboxSubscriptions {
  /** Whether the app has ever seen this openid (an accept or a refusal): else it is another app's (40003). */
  knows(app: SubscribeApp, openid: string): boolean;
  refused(app: SubscribeApp, openid: string): boolean;
  /** Spends one accept; false when none is left (43101). */
  spend(app: SubscribeApp, openid: string, templateId: string): boolean;
  deliver(delivery: SubscribeDelivery): void;
}

export function createSubscriptionRegistry(
  templates: Readonly<Record<SubscribeApp, SubscribeTemplate>>,
): SubscriptionRegistry {
  const allowed = new Map<string, number>();
  const refusals = new Set<string>();
  const seen = new Set<string>();
  let delivered: SubscribeDelivery[] = [];
  const person = (app: SubscribeApp, openid: string) => `${app}|${openid}`;
  const grant = (app: SubscribeApp, openid: string, templateId: string) => `${app}|${openid}|${templateId}`;
  return {
    templates: () => templates,
    accept(app, openid, templateId, count = 1) {
      if (!Number.isInteger(count) || count < 1) throw new RangeError('sandbox: accept count must be ≥ 1');
      seen.add(person(app, openid));
      const key = grant(app, openid, templateId);
      allowed.set(key, (allowed.get(key) ?? 0) + count);
    },
    refuse(app, openid) {
      seen.add(person(app, openid));
      refusals.add(person(app, openid));
    },
    remaining: (app, openid, templateId) => allowed.get(grant(app, openid, templateId)) ?? 0,
    deliveries: () => delivered,
    knows: (app, openid) => seen.has(person(app, openid)),
    refused: (app, openid) => refusals.has(person(app, openid)),
    spend(app, openid, templateId) {
      const key = grant(app, openid, templateId);
      const left = allowed.get(key) ?? 0;
      if (left < 1) return false;
      if (left === 1) allowed.delete(key);
      else allowed.set(key, left - 1);
      return true;
    },
    deliver(delivery) {
      delivered.push(delivery);
    },
    clear() {
      allowed.clear();
      refusals.clear();
      seen.clear();
      delivered = [];
    },
  };
}
