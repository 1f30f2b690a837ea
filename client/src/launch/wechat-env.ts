import { useEffect, useState } from 'react';
import { detectWechatEnv, type WechatEnv } from '../../../shared/wechat-env';

/** Where this page runs, as far as can be told right now. */
export const currentWechatEnv = (): WechatEnv =>
  typeof navigator === 'undefined'
    ? 'desktop'
    : detectWechatEnv(navigator.userAgent, (window as { __wxjs_environment?: unknown }).__wxjs_environment);

/** The page's `WechatEnv`, looked at again when WeChat's bridge is ready (iOS web-views say so only then). */
export function useWechatEnv(): WechatEnv {
  const [env, setEnv] = useState(currentWechatEnv);
  useEffect(() => {
    const recheck = () => setEnv(currentWechatEnv());
    document.addEventListener('WeixinJSBridgeReady', recheck);
    return () => document.removeEventListener('WeixinJSBridgeReady', recheck);
  }, []);
  return env;
}
