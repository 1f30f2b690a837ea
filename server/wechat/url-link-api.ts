import { malformedAnswer } from '../errors/upstream-error';
import type { MiniProgramEnv } from './mini-program-code';
import type { WechatClient } from './wechat-client';

export const URL_LINK_API = 'wxa/generate_urllink';

/** The longest a URL Link may live: WeChat's 30 days (`expire_interval`). */
export const URL_LINK_MAX_DAYS = 30;

/** What WeChat allows in a URL Link's query: `0-9A-Za-z!#$&'()*+,/:;=?@-._~%`, at most 1024 characters. */
export const URL_LINK_QUERY_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~%]{0,1024}$/;

export interface UrlLinkRequest {
  /** A page of the released mini program, without the leading `/` and without a query: `pages/live/index`. */
  page: string;
  /** The page's query, already in WeChat's characters (see {@link URL_LINK_QUERY_PATTERN}). */
  query: string;
  /** Whole days, 1–30. */
  days: number;
}

/**
 * `wxa/generate_urllink` through the mini program's WeChat client (its `stable_token`, refreshed once when refused;
 * its 45009 hold): a link that opens our mini program's page from outside WeChat (SMS, email, a phone browser), for
 * `days` days (`expire_type` 1). It leaves once (`once`): every call spends the mini program's daily quota, so a lost
 * answer is not sent again. A refusal comes back as the `UpstreamError` with WeChat's errcode (85400, 45009 the day's
 * quota, 40165 the page, 40212 the query, 85401 the lifetime); a query outside WeChat's characters is our own bug
 * and throws before anything leaves.
 */
export function createUrlLinkApi({
  wechat,
  envVersion = 'release',
}: {
  wechat: WechatClient;
  envVersion?: MiniProgramEnv;
}) {
  return async function generateUrlLink({ page, query, days }: UrlLinkRequest): Promise<string> {
    if (!URL_LINK_QUERY_PATTERN.test(query)) throw new Error(`url link query not in WeChat's characters: ${query}`);
    if (!Number.isInteger(days) || days < 1 || days > URL_LINK_MAX_DAYS) {
      throw new Error(`url link lifetime must be 1–${URL_LINK_MAX_DAYS} whole days, not ${days}`);
    }
    const answer = await wechat.call<{ url_link?: unknown }>(URL_LINK_API, {
      method: 'POST',
      once: true,
      body: { path: page, query, env_version: envVersion, expire_type: 1, expire_interval: days },
    });
    if (typeof answer.url_link !== 'string' || !/^https?:\/\//.test(answer.url_link)) {
      throw malformedAnswer(URL_LINK_API, 'answer has no url_link');
    }
    return answer.url_link;
  };
}

export type UrlLinkApi = ReturnType<typeof createUrlLinkApi>;
