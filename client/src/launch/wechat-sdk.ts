import type { JssdkConfigResponse } from '../../../shared/api';
import type { ClientErrorCode } from '../../../shared/error-codes';

/** The part of WeChat's JS-SDK (`wx`, from `weixin-js-sdk`) this app calls. */
export interface Wx {
  config(options: JssdkConfigResponse & { debug: boolean }): void;
  ready(callback: () => void): void;
  error(callback: (res: { errMsg?: string } | undefined) => void): void;
  updateAppMessageShareData(options: { title: string; desc: string; link: string; imgUrl: string }): void;
  updateTimelineShareData(options: { title: string; link: string; imgUrl: string }): void;
  /** In a mini program's web-view: the pages of the mini program holding it. Needs no `wx.config`. */
  miniProgram: {
    navigateTo(options: { url: string; success?: () => void; fail?: (res: { errMsg?: string }) => void }): void;
  };
}

/** WeChat refused the page (`wx.error`: signature, domain, version) or never answered: open tags cannot work. */
export class WechatSdkError extends Error {
  override readonly name = 'WechatSdkError';
  readonly code: ClientErrorCode = 'WECHAT_SDK_FAILED';
}

export interface WechatSdkOptions {
  /** `GET /api/jssdk/config?url=…`. */
  fetchConfig(url: string): Promise<JssdkConfigResponse>;
  /** The `wx` object; loaded on first use so pages outside WeChat never download the SDK. */
  loadWx(): Promise<Wx>;
  /** The URL WeChat checks the signature against right now (see `signature-url.ts`). */
  signatureUrl(): string;
  /** How long `wx.ready`/`wx.error` may take before the page gives up on the SDK. */
  timeoutMs?: number;
}

export interface WechatSdk {
  /** `wx`, configured for the current signature URL; one `wx.config` per URL, the promise is cached. */
  ready(): Promise<Wx>;
  /** `wx` as loaded, not configured: enough for `wx.miniProgram.*`. */
  loaded(): Promise<Wx>;
}

/**
 * `wx.config` done once and remembered. `wx.ready` fires only once per page, so the outcome is cached; a new
 * `wx.config` happens only when the signature URL changes (Android after client-side navigation; on iOS the landing
 * URL never changes). A failure to fetch the config may be retried; once `wx.config` ran, its verdict stands until
 * the page reloads.
 */
export function createWechatSdk({
  fetchConfig,
  loadWx,
  signatureUrl,
  timeoutMs = 15_000,
}: WechatSdkOptions): WechatSdk {
  let current: { url: string; ready: Promise<Wx>; configured: boolean } | undefined;

  async function configure(attempt: NonNullable<typeof current>): Promise<Wx> {
    const [wx, config] = await Promise.all([loadWx(), fetchConfig(attempt.url)]);
    attempt.configured = true;
    return new Promise<Wx>((resolve, reject) => {
      const timer = setTimeout(() => reject(new WechatSdkError('wx.ready did not fire')), timeoutMs);
      // Registered before wx.config: the SDK keeps one error callback and queues ready callbacks until verified.
      // After a failure it still runs the ready callbacks, so the first outcome wins.
      wx.error((res) => {
        clearTimeout(timer);
        reject(new WechatSdkError(res?.errMsg ?? 'wx.config failed'));
      });
      wx.ready(() => {
        clearTimeout(timer);
        resolve(wx);
      });
      wx.config({ ...config, debug: false });
    });
  }

  return {
    ready() {
      const url = signatureUrl();
      if (current?.url === url) return current.ready;
      const attempt = { url, ready: undefined as unknown as Promise<Wx>, configured: false };
      attempt.ready = configure(attempt);
      current = attempt;
      attempt.ready.catch(() => {
        if (current === attempt && !attempt.configured) current = undefined;
      });
      return attempt.ready;
    },
    loaded: loadWx,
  };
}
