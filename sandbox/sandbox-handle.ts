import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxCall } from './core/call-log';
import type { SandboxCallbacks } from './callbacks/deliverer';
import type { SandboxCredentials } from './core/credentials';
import type { SandboxFaults } from './core/fault-injector';
import type { SandboxLives } from './wecom/living/live-store';
import type { SandboxLivingCodes } from './wecom/living/living-code-registry';
import type { SandboxApi } from './core/sandbox-api';
import type { SandboxTokens } from './core/token-registry';
import type { SandboxWatchStats } from './wecom/watch-stat/watch-stat-store';
import type { SandboxWechat } from './wechat/mini-program-logins';
import type { SandboxOAuth } from './wechat/oauth-logins';
import type { SandboxMembers } from './wecom/sign-in/member-logins';
import type { SandboxSubscriptions } from './wechat/subscribe/subscriptions';
import type { SandboxUrlLinks } from './wechat/url-links/url-link-registry';

/** What tests may do to the service account's server-side credentials. */
export interface SandboxMp {
  /** Every access token `stable_token` handed out, oldest first. */
  issuedTokens(): string[];
  /** Every jsapi_ticket handed out, oldest first. */
  issuedTickets(): string[];
  /** Every mp token expires now: using one answers 42001, and stable_token hands out a fresh one. */
  expireTokens(): void;
  /** WeChat dropped every mp token: using one answers 40001, and stable_token hands out a fresh one. */
  invalidateTokens(): void;
  /** Every ticket expires now: the next getticket hands out a fresh one. */
  expireTickets(): void;
}

/** A running emulation of the WeCom and WeChat endpoints the BFF calls, plus handles to steer it. */
export interface Sandbox {
  readonly credentials: SandboxCredentials;
  /** A Koa request listener, e.g. for supertest. */
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  /** Listens (default port 0 on 127.0.0.1) and resolves to the base URL, e.g. `http://127.0.0.1:49152`. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops listening AND destroys open keep-alive sockets and waiting calls, so a test process can exit. */
  close(): Promise<void>;
  /** Every call received, in order, with raw queries (access tokens included): for tests only. */
  readonly calls: readonly SandboxCall[];
  callsTo(api: SandboxApi): SandboxCall[];
  resetCalls(): void;
  faults: SandboxFaults;
  lives: SandboxLives;
  /**
   * Who watched each live, as `get_watch_stat` pages them: `set` exact viewers or `generate` many. The ended
   * showcase lives are seeded with as many viewers as their `viewer_num`; a live without any answers an empty list.
   */
  watchStats: SandboxWatchStats;
  /** WeCom's access tokens (gettoken); the service account's and mini program's are under `mp`. */
  tokens: SandboxTokens;
  wechat: SandboxWechat;
  /** Web OAuth logins to the service account (H5). */
  oauth: SandboxOAuth;
  /** WeCom member sign-in: the corp's members, codes without the browser, who scans the web login QR code. */
  members: SandboxMembers;
  mp: SandboxMp;
  /** Subscribe messages: record users' accepts and refusals, read what was delivered to whom. */
  subscriptions: SandboxSubscriptions;
  /**
   * The mini program's URL Links (`wxa/generate_urllink`): those issued, the visits to their pages (`/wxaurl/ID` on
   * the sandbox's origin), the day's quota (set `used` to `perDay` to exhaust it), expiring them all.
   */
  urlLinks: SandboxUrlLinks;
  /** Every living_code issued, with its live, openid and lifetime. */
  livingCodes: SandboxLivingCodes;
  /**
   * WeCom's `living_status_change` callbacks: where they go (`configure`), what was delivered, faults, and a way to
   * wait until none is pending. Every status change of an existing live is delivered while a target is set.
   */
  callbacks: SandboxCallbacks;
  /**
   * Every secret the sandbox knows or handed out: the corp, mini program and service account secrets, WeCom and
   * service account access tokens, OAuth user access and refresh tokens, session_keys, jsapi_tickets and the callback
   * Token and EncodingAESKey (while a callback target is set). One list
   * for leak tests to look for in the BFF's answers and logs.
   */
  secrets(): string[];
  /**
   * Faults, calls, tokens, codes (member sign-in codes and the QR scanner too), logins, tickets, rate windows and
   * lives with their viewers back to the seed (times relative to now);
   * callback deliveries and faults forgotten, pending deliveries abandoned. The callback target stays: it is wiring
   * (the BFF's URL and secrets, set once when it started), not state a test leaves behind.
   */
  reset(): void;
}
