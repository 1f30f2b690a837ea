/** What the stand-in recorded in the page (`window.__wxStandIn`). */
export interface WechatStandInLog {
  /** Every `wx.config` argument, with the page URL at the time of the call. */
  configs: (Record<string, unknown> & { pageUrl: string })[];
  shares: (Record<string, unknown> & { kind: 'appMessage' | 'timeline' })[];
  /** Every `wx.miniProgram.navigateTo` url (a mini program web-view going to a page of its mini program). */
  miniProgramNavigations: string[];
  /** Every tap on a `wx-open-subscribe` tag: its `template` attribute and how the prompt answered. */
  subscribes: { template: string; answer: SubscribeTagAnswer }[];
}

/**
 * How the `wx-open-subscribe` prompt answers a tap: a status in `success` (`accept`, `reject`, `filter`), or `off`:
 * the tag's `error` with errCode 20004 (the viewer switched subscribe messages off).
 */
export type SubscribeTagAnswer = 'accept' | 'reject' | 'filter' | 'off';

/**
 * What the page calls (when the test exposed it, `page.exposeFunction`) after an accept, with the accepted template
 * ids: the test records the accept in the sandbox (its `/__sandbox/subscribe/accepts` control), as WeChat would
 * remember that one message may now be sent.
 */
export const SUBSCRIBE_ACCEPTED_BINDING = '__wxSubscribeAccepted';

/** Makes every `wx-open-launch-weapp` in the page fire `type` with `detail`, as WeChat does (in `page.evaluate`). */
export type FireOpenTagEvent = (type: 'ready' | 'launch' | 'error', detail: unknown) => void;

export interface WechatStandInOptions {
  /** Answer `wx.config` with `wx.error` (as WeChat does for a bad signature), then the ready callbacks anyway. */
  refuseConfig?: boolean;
  /** Answer `wx.miniProgram.navigateTo` with its `fail` callback (the mini program has no such page). */
  refuseNavigation?: boolean;
  /** How `wx-open-subscribe`'s prompt answers a tap (default `accept`). */
  subscribeAnswer?: SubscribeTagAnswer;
}

/**
 * An init script (`page.addInitScript`) that plays WeChat's side of an H5 page, since headless Chromium is no
 * WeChat: `window.jWeixin`, which weixin-js-sdk returns instead of building its own `wx` when one exists, records
 * `config` and the share calls and verifies after a moment like weixin-js-sdk 1.6.5 does (ready callbacks queued
 * until then, run at once afterwards; one error callback, called before the ready callbacks on failure), and
 * records `wx.miniProgram.navigateTo`; and a `wx-open-launch-weapp` custom element that dispatches `ready` once
 * connected, and `launch` or `error` when the test says so (`window.__fireOpenTagEvent`, a `FireOpenTagEvent`);
 * and a `wx-open-subscribe` element that, like WeChat, draws the page's `text/wxtag-template` inside itself (a shadow
 * root here, so its button is focusable and pressed by keys as WeChat's is) and answers a tap on it with `success`
 * (`detail.subscribeDetails`: JSON of each template id → JSON of `{status}`) or `error` (errCode 20004), calling
 * the test's {@link SUBSCRIBE_ACCEPTED_BINDING} after an accept when there is one.
 * A string, not a function: the test transform would add helpers that do not exist in the page.
 */
export function wechatStandIn(options: WechatStandInOptions = {}): string {
  return `(() => {
  const options = ${JSON.stringify(options)};
  const log = { configs: [], shares: [], miniProgramNavigations: [], subscribes: [] };
  window.__wxStandIn = log;
  let state = 'pending';
  let readyQueue = [];
  let onError;
  const finish = () => {
    const queue = readyQueue;
    readyQueue = [];
    queue.forEach((callback) => callback());
  };
  window.jWeixin = {
    config(config) {
      log.configs.push(Object.assign({}, config, { pageUrl: location.href }));
      setTimeout(() => {
        if (options.refuseConfig) {
          state = 'failed';
          if (onError) onError({ errMsg: 'config:invalid signature' });
        } else {
          state = 'ok';
        }
        finish();
      }, 20);
    },
    ready(callback) {
      if (state === 'pending') readyQueue.push(callback);
      else callback();
    },
    error(callback) {
      onError = callback;
    },
    updateAppMessageShareData(data) {
      log.shares.push(Object.assign({ kind: 'appMessage' }, data));
    },
    updateTimelineShareData(data) {
      log.shares.push(Object.assign({ kind: 'timeline' }, data));
    },
    miniProgram: {
      navigateTo(request) {
        log.miniProgramNavigations.push(request.url);
        setTimeout(() => {
          if (options.refuseNavigation) {
            if (request.fail) request.fail({ errMsg: 'navigateTo:fail page "' + request.url + '" is not found' });
          } else if (request.success) {
            request.success({ errMsg: 'navigateTo:ok' });
          }
        }, 0);
      },
    },
  };
  customElements.define('wx-open-launch-weapp', class extends HTMLElement {
    connectedCallback() {
      setTimeout(() => this.dispatchEvent(new CustomEvent('ready', { detail: {} })), 0);
    }
  });
  customElements.define('wx-open-subscribe', class extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      // WeChat reads the template once the tag is set up; React has put the script child in by then.
      setTimeout(() => {
        const template = this.querySelector('script[type="text/wxtag-template"]');
        root.innerHTML = template ? template.textContent : '';
        root.addEventListener('click', () => this.answer());
        this.dispatchEvent(new CustomEvent('ready', { detail: {} }));
      }, 0);
    }
    answer() {
      const ids = (this.getAttribute('template') || '').split(',').filter(Boolean);
      const answer = options.subscribeAnswer || 'accept';
      log.subscribes.push({ template: this.getAttribute('template'), answer });
      setTimeout(() => {
        if (answer === 'off') {
          this.dispatchEvent(new CustomEvent('error', { detail: { errCode: 20004, errMsg: 'subscribe:fail' } }));
          return;
        }
        const details = {};
        ids.forEach((id) => (details[id] = JSON.stringify({ status: answer })));
        const record = window.${SUBSCRIBE_ACCEPTED_BINDING};
        const recorded = answer === 'accept' && typeof record === 'function' ? record(ids) : undefined;
        Promise.resolve(recorded).then(() =>
          this.dispatchEvent(
            new CustomEvent('success', { detail: { errMsg: 'subscribe:ok', subscribeDetails: JSON.stringify(details) } }),
          ),
        );
      }, 0);
    }
  });
  window.__fireOpenTagEvent = (type, detail) => {
    document.querySelectorAll('wx-open-launch-weapp').forEach((tag) => tag.dispatchEvent(new CustomEvent(type, { detail })));
  };
})();`;
}
