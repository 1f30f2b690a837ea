import type { WechatClient } from './wechat-client';

/**
 * The service account's JS-SDK `jsapi_ticket` (`cgi-bin/ticket/getticket`, 7200 s, limited calls a day): cached in
 * the store until shortly before it expires and fetched once for concurrent callers. A ticket call refused for its
 * token refreshes the token and tries once more (the call core does that for every call).
 */
export function createOfficialAccount({ wechat, appId }: { wechat: WechatClient; appId: string }) {
  const jsapiTicket = wechat.grant({
    name: 'jsapi-ticket',
    api: 'cgi-bin/ticket/getticket',
    request: { method: 'GET', query: { type: 'jsapi' } },
    field: 'ticket',
  });
  return { appId, jsapiTicket };
}

export type OfficialAccount = ReturnType<typeof createOfficialAccount>;
