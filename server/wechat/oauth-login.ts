import { exchangeCode } from './code-exchange';
import type { WechatClient } from './wechat-client';

/** WeChat saying the code itself is no good (unknown, expired, used, missing): the viewer should start again. */
const CODE_REFUSED = new Set([40029, 40163, 41008]);

/**
 * H5 silent OAuth (`snsapi_base`): the code WeChat appended to our callback → the viewer's openid for the
 * service account. The user access and refresh tokens that come with it are dropped.
 */
export function createOAuthLogin({ wechat, appId, secret }: { wechat: WechatClient; appId: string; secret: string }) {
  return async function exchange(code: string): Promise<{ openid: string; appId: string }> {
    const { openid } = await exchangeCode(
      wechat,
      'sns/oauth2/access_token',
      { appid: appId, secret, code },
      { codeRefused: CODE_REFUSED, message: 'WeChat did not accept this sign-in; please try again' },
    );
    return { openid, appId };
  };
}

export type OAuthLogin = ReturnType<typeof createOAuthLogin>;
