/**
 * Where an H5 page runs, which decides how its button can reach WeCom's live mini program:
 * - `wechat`: WeChat's in-app browser on a phone, where the `wx-open-launch-weapp` open tag can work;
 * - `wxwork`: WeCom's browser (its UA also says `MicroMessenger`, but open tags do not work there);
 * - `mini-program`: a mini program's `<web-view>`, which cannot show open tags but can go back to a page of the
 *   mini program that holds it (`wx.miniProgram.navigateTo`);
 * - `mobile`, `desktop`: any other browser, and WeChat on Windows/Mac (open tags work on phones only).
 */
export type WechatEnv = 'wechat' | 'wxwork' | 'mini-program' | 'mobile' | 'desktop';

/**
 * `wxjsEnvironment` is `window.__wxjs_environment`: WeChat sets it to `'miniprogram'` in a web-view, on iOS only
 * once `WeixinJSBridgeReady` fired; Android (and recent iOS) also say `miniProgram` in the user agent.
 */
export function detectWechatEnv(userAgent: string, wxjsEnvironment?: unknown): WechatEnv {
  if (/miniProgram/i.test(userAgent) || wxjsEnvironment === 'miniprogram') return 'mini-program';
  if (/wxwork/i.test(userAgent)) return 'wxwork';
  const phone = /Mobile|Android|iPhone|iPad|iPod|HarmonyOS|OpenHarmony/i.test(userAgent);
  if (/MicroMessenger/i.test(userAgent) && phone && !/WindowsWechat|MacWechat/i.test(userAgent)) return 'wechat';
  return phone ? 'mobile' : 'desktop';
}
