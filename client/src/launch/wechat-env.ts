import { useMemo } from 'react';

/**
 * Where an H5 page runs: WeChat (open tags can work), WeCom's browser (its UA also says `MicroMessenger`, but open
 * tags do not work there), or any other browser.
 */
export type WechatEnv = 'wechat' | 'wxwork' | 'browser';

export function detectWechatEnv(userAgent: string): WechatEnv {
  if (/wxwork/i.test(userAgent)) return 'wxwork';
  if (/MicroMessenger/i.test(userAgent)) return 'wechat';
  return 'browser';
}

export function useWechatEnv(): WechatEnv {
  return useMemo(() => detectWechatEnv(typeof navigator === 'undefined' ? '' : navigator.userAgent), []);
}
