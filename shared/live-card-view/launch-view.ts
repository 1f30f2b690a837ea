import type { PrimaryAction } from '../primary-action';
import type { WechatEnv } from '../wechat-env';

/** The QR code of the page beside a title, a hint and a copy-link button (outside WeChat, or when no link helps). */
export type QrLaunchView = { kind: 'qr'; title: string; hint: string; copyLabel: string };

/**
 * How the card's action is offered where the page runs, worded: a button (with a hint and a second, link-like action
 * under it); on a phone browser outside WeChat, a button that goes to a WeChat URL Link of our mini program's live
 * page (`url-link`, drawn as the button with its hint and copy link; `fallback` when no link comes); or a QR code of
 * the page beside a title, a hint and a copy-link button. The H5 launch button and the BFF's first screen both draw
 * this.
 */
export type LaunchView =
  | { kind: 'button'; label: string; disabled: boolean; hint?: string; secondaryLabel?: string }
  | { kind: 'url-link'; label: string; hint: string; copyLabel: string; fallback: QrLaunchView }
  | QrLaunchView;

const COPY_LINK = '复制链接';

/** The action of the URL Link view: it opens WeChat, where our mini program shows the live. */
export const OPEN_IN_WECHAT = '打开微信观看';

/** The action as the plain button of the app (`ActionButton`): its label, and when disabled, why. */
export function buttonView(action: PrimaryAction): LaunchView {
  return action.enabled
    ? { kind: 'button', label: action.label, disabled: false }
    : { kind: 'button', label: action.label, disabled: true, hint: action.hint };
}

/** A phone browser's way without a URL Link: a phone cannot scan its own screen, so copying the link comes first. */
function phoneQrView(label: string): QrLaunchView {
  return {
    kind: 'qr',
    title: `在微信中${label}`,
    hint: '复制链接，发到微信里打开；也可用微信扫码',
    copyLabel: COPY_LINK,
  };
}

/**
 * The action `action` of a card, as offered in `env` (`detectWechatEnv`). On a phone browser the URL Link view is
 * the first choice; `urlLink: false` (the BFF has no link for it now) gives the QR code and copy link instead.
 */
export function launchView(action: PrimaryAction, env: WechatEnv, { urlLink = true } = {}): LaunchView {
  if (!action.enabled) return buttonView(action);
  switch (env) {
    case 'wxwork':
      // WeCom's browser cannot open open tags: the way out is WeChat.
      return {
        kind: 'button',
        label: '请在微信中打开',
        disabled: true,
        hint: '企业微信里不能直接打开，请复制链接到微信打开',
        secondaryLabel: COPY_LINK,
      };
    case 'mobile': {
      const fallback = phoneQrView(action.label);
      if (!urlLink) return fallback;
      // WeChat's URL Link opens our mini program's live page, whose own button then opens the live.
      return {
        kind: 'url-link',
        label: OPEN_IN_WECHAT,
        hint: `在微信小程序里${action.label}`,
        copyLabel: COPY_LINK,
        fallback,
      };
    }
    case 'desktop':
      return {
        kind: 'qr',
        title: `用微信扫码${action.label}`,
        hint: '也可复制链接，发到微信里打开',
        copyLabel: COPY_LINK,
      };
    case 'wechat':
    case 'mini-program':
      return buttonView(action);
  }
}
