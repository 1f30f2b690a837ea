import type { PrimaryAction } from '../primary-action';
import type { WechatEnv } from '../wechat-env';

/**
 * How the card's action is offered where the page runs, worded: a button (with a hint and a second, link-like action
 * under it), or, outside WeChat, a QR code of the page beside a title, a hint and a copy-link button. The H5 launch
 * button and the BFF's first screen both draw this.
 */
export type LaunchView =
  | { kind: 'button'; label: string; disabled: boolean; hint?: string; secondaryLabel?: string }
  | { kind: 'qr'; title: string; hint: string; copyLabel: string };

const COPY_LINK = '复制链接';

/** The action as the plain button of the app (`ActionButton`): its label, and when disabled, why. */
export function buttonView(action: PrimaryAction): LaunchView {
  return action.enabled
    ? { kind: 'button', label: action.label, disabled: false }
    : { kind: 'button', label: action.label, disabled: true, hint: action.hint };
}

/** The action `action` of a card, as offered in `env` (`detectWechatEnv`). */
export function launchView(action: PrimaryAction, env: WechatEnv): LaunchView {
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
    case 'mobile':
      // A phone cannot scan its own screen: copying the link comes first.
      return {
        kind: 'qr',
        title: `在微信中${action.label}`,
        hint: '复制链接，发到微信里打开；也可用微信扫码',
        copyLabel: COPY_LINK,
      };
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
