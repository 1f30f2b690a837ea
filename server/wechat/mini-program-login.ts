import { exchangeCode } from './code-exchange';
import type { WechatClient } from './wechat-client';

export interface MiniProgramIdentity {
  openid: string;
  appId: string;
  unionid?: string;
}

/** Codes with which WeChat says the login code itself is bad (45011: this user logs in too often). */
const CODE_REFUSED = new Set([40029, 40163, 40226, 41008, 45011]);

/** `jscode2session`: a mini program's `wx.login` code → the viewer's openid. The `session_key` is dropped. */
export function createMiniProgramLogin({
  wechat,
  appId,
  secret,
}: {
  wechat: WechatClient;
  appId: string;
  secret: string;
}) {
  return async function login(jsCode: string): Promise<MiniProgramIdentity> {
    const identity = await exchangeCode(
      wechat,
      'sns/jscode2session',
      { appid: appId, secret, js_code: jsCode },
      { codeRefused: CODE_REFUSED, message: 'WeChat did not accept this login code; call wx.login again' },
    );
    return { ...identity, appId };
  };
}

export type MiniProgramLogin = ReturnType<typeof createMiniProgramLogin>;
