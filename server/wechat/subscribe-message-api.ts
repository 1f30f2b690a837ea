import type { WechatClient } from './wechat-client';

export const SUBSCRIBE_SEND_API = 'cgi-bin/message/subscribe/send';
export const SUBSCRIBE_BIZSEND_API = 'cgi-bin/message/subscribe/bizsend';

/** One subscribe message: to whom, which template, the keywords' values, and the page of our mini program a tap opens. */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** A page of our mini program with its query, without a leading `/`: `pages/live/index?id=…`. */
  pagePath: string;
  data: Record<string, string>;
}

/**
 * WeChat's subscribe messages from both of our apps: `subscribe/send` with the mini program's token and openid,
 * `subscribe/bizsend` with the service account's, opening the same page of our mini program (`miniprogram`).
 * Each leaves once (`once`): the queue owns retries and their back-off, and a failure comes back as the
 * `UpstreamError` with WeChat's errcode for the caller to judge (43101, 40003, 40037, 47003 are final).
 */
export function createSubscribeMessageApi({
  miniProgram,
  serviceAccount,
  miniAppId,
  miniProgramState = 'formal',
}: {
  miniProgram: WechatClient;
  serviceAccount: WechatClient;
  /** Our mini program: the page a service account message opens is one of its pages. */
  miniAppId: string;
  /** Which build of the mini program a tap opens (`formal`, `trial`, `developer`). */
  miniProgramState?: 'formal' | 'trial' | 'developer';
}) {
  const values = (data: Record<string, string>) =>
    Object.fromEntries(Object.entries(data).map(([keyword, value]) => [keyword, { value }]));
  return {
    async sendFromMiniProgram({ touser, templateId, pagePath, data }: SubscribeMessage): Promise<void> {
      await miniProgram.call(SUBSCRIBE_SEND_API, {
        method: 'POST',
        once: true,
        body: {
          touser,
          template_id: templateId,
          page: pagePath,
          data: values(data),
          miniprogram_state: miniProgramState,
          lang: 'zh_CN',
        },
      });
    },
    async sendFromServiceAccount({ touser, templateId, pagePath, data }: SubscribeMessage): Promise<void> {
      await serviceAccount.call(SUBSCRIBE_BIZSEND_API, {
        method: 'POST',
        once: true,
        body: {
          touser,
          template_id: templateId,
          miniprogram: { appid: miniAppId, pagepath: pagePath },
          data: values(data),
        },
      });
    },
  };
}

export type SubscribeMessageApi = ReturnType<typeof createSubscribeMessageApi>;
