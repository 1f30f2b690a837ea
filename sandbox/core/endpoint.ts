import type { SandboxCredentials } from './credentials';
import type { JsapiTicketRegistry } from '../wechat/jsapi-ticket-registry';
import type { LiveStore } from '../wecom/living/live-store';
import type { LivingCodeRegistry } from '../wecom/living/living-code-registry';
import type { MinuteWindowLimiter } from './minute-window-limiter';
import type { StableTokenRegistry } from '../wechat/stable-token-registry';
import type { TokenRegistry } from './token-registry';
import type { WatchStatStore } from '../wecom/watch-stat/watch-stat-store';
import type { WechatLogins } from '../wechat/mini-program-logins';
import type { OAuthLogins } from '../wechat/oauth-logins';
import type { MemberLogins } from '../wecom/sign-in/member-logins';
import type { SubscriptionRegistry } from '../wechat/subscribe/subscriptions';
import type { UrlLinkRegistry } from '../wechat/url-links/url-link-registry';

/** One API request, reduced to what the emulated platforms look at. */
export interface ApiRequest {
  method: string;
  query: Record<string, string>;
  /** The body as sent; WeCom parses it as JSON whatever the Content-Type says. */
  rawBody: string;
  /** The caller's IP, which WeCom echoes in every errmsg. */
  ip: string;
  /** The request's cookies: the sign-in pages read which WeChat or WeCom user is "logged in" from one. */
  cookies: Record<string, string>;
  /** The sandbox's origin as the caller reached it (`http://127.0.0.1:PORT`): where its URL Links point. */
  origin?: string;
}

/** The emulated platforms' state, shared by every endpoint. */
export interface SandboxState {
  credentials: SandboxCredentials;
  now: () => number;
  rateLimitPerMinute: number;
  /** WeCom's access tokens (gettoken): 40014 for one never issued or invalidated. */
  tokens: TokenRegistry<40014>;
  lives: LiveStore;
  /** Who watched each live (get_watch_stat). */
  watchStats: WatchStatStore;
  /** Viewers per get_watch_stat page, members and external people together. */
  watchStatPageSize: number;
  livingCodes: LivingCodeRegistry;
  wechat: WechatLogins;
  /** Hosts a service account's OAuth redirect_uri may be on (WeChat's 网页授权域名). */
  oauthDomains: readonly string[];
  oauth: OAuthLogins;
  /** Hosts a WeCom member sign-in's redirect_uri may be on (the app's 可信域名). */
  wecomDomains: readonly string[];
  /** WeCom member sign-in codes (OAuth in the client, web QR login) and who is scanning. */
  members: MemberLogins;
  /** The service account's and the mini program's access tokens (`stable_token`), apart from WeCom's. */
  stableTokens: StableTokenRegistry;
  jsapiTickets: JsapiTicketRegistry;
  /** Subscribe messages: users' accepts and refusals, and what was delivered. */
  subscriptions: SubscriptionRegistry;
  /** WeCom's per-API-per-corp limit and WeChat's per-user login limit. */
  limiter: MinuteWindowLimiter;
  /** The mini program's URL Links: issued, opened, and the day's quota. */
  urlLinks: UrlLinkRegistry;
}

/** One emulated API: the JSON it answers with HTTP 200 (success or `{errcode, errmsg}`). */
export type Endpoint = (req: ApiRequest, state: SandboxState) => Record<string, unknown>;

/** A JSON object body, or `undefined` when the body is not one (WeCom then answers 47001). */
export function parseJsonObject(rawBody: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(rawBody);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
