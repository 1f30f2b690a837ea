import { launchView, OPEN_IN_WECHAT } from '../../../shared/live-card-view';
import { primaryAction } from '../../../shared/primary-action';
import type { WechatEnv } from '../../../shared/wechat-env';
import { aLive } from '../../client/support/fixtures';

const living = primaryAction(aLive({ status: 'living' }));
const replay = primaryAction(aLive({ status: 'ended', replay: 'ready' }), true);
const cancelled = primaryAction(aLive({ status: 'cancelled' }));

describe('launch view', () => {
  it('offers a phone browser 打开微信观看 (a URL Link), the hint, copy link, and the QR code to fall back on', () => {
    expect(launchView(replay, 'mobile')).toEqual({
      kind: 'url-link',
      label: OPEN_IN_WECHAT,
      hint: '在微信小程序里观看回放',
      copyLabel: '复制链接',
      fallback: {
        kind: 'qr',
        title: '在微信中观看回放',
        hint: '复制链接，发到微信里打开；也可用微信扫码',
        copyLabel: '复制链接',
      },
    });
  });

  it('gives a phone browser the QR code and copy link when there is no URL Link', () => {
    const view = launchView(living, 'mobile');
    expect(launchView(living, 'mobile', { urlLink: false })).toEqual(view.kind === 'url-link' && view.fallback);
  });

  it.each<[WechatEnv, string]>([
    ['desktop', 'qr'],
    ['wechat', 'button'],
    ['mini-program', 'button'],
    ['wxwork', 'button'],
  ])('keeps %s as it was (%s)', (env, kind) => {
    expect(launchView(living, env).kind).toBe(kind);
    expect(launchView(living, env, { urlLink: false })).toEqual(launchView(living, env));
  });

  it.each<WechatEnv>(['mobile', 'desktop', 'wechat'])('shows a disabled action as a disabled button in %s', (env) => {
    expect(launchView(cancelled, env)).toEqual({
      kind: 'button',
      label: '直播已取消',
      disabled: true,
      hint: '主播取消了这场直播',
    });
  });
});
