import { parseJsonObject, type ApiRequest, type Endpoint, type SandboxState } from '../../core/endpoint';
import { wechatError } from '../../core/platform-errors';
import { keywordValueAllowed, type SubscribeApp } from './subscribe-templates';
import type { SubscribeDelivery } from './subscriptions';

const API: Record<SubscribeApp, SubscribeDelivery['api']> = {
  mini: 'message/subscribe/send',
  mp: 'message/subscribe/bizsend',
};

/**
 * One subscribe message, as WeChat answers it: the app's own token (41001 missing, 40001/42001 as `stable_token`'s,
 * 48001 for the other app's token), a JSON object (47001, a field of the wrong type too), 40037 for a template the
 * app does not hold, 40003 for an openid the app never saw (another app's: openids are per app), 43101 for a user
 * who refused or has no accept left (one accept, one message), 47003 for a keyword of the template that is missing,
 * empty or breaks its type's rule (`thing` ≤ 20 characters, `name` ≤ 10, `phrase` ≤ 5, `time`/`date` formats).
 * Delivered, it spends one accept and is recorded for `/__sandbox/subscribe/deliveries`.
 */
function subscribeSend(app: SubscribeApp): Endpoint {
  return (req: ApiRequest, state: SandboxState) => {
    const fail = (errcode: number, detail?: string) => {
      const error = wechatError(errcode, state.now());
      return detail ? { ...error, errmsg: `${detail}, ${error.errmsg}` } : error;
    };
    if (req.method !== 'POST') return fail(43002);
    const token = req.query.access_token;
    if (!token) return fail(41001);
    const check = state.stableTokens.check(token);
    if (!check.ok) return fail(check.errcode);
    const appId = app === 'mini' ? state.credentials.miniAppId : state.credentials.mpAppId;
    if (check.owner !== appId) return fail(48001);
    const body = parseJsonObject(req.rawBody);
    if (!body) return fail(47001);
    const { touser, template_id: templateId, page, data, miniprogram } = body;
    if (typeof touser !== 'string' || typeof templateId !== 'string') return fail(47001);
    if (page !== undefined && typeof page !== 'string') return fail(47001);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail(47001);
    const program = app === 'mp' ? parseMiniprogram(miniprogram) : undefined;
    if (program === null) return fail(47001);
    const template = state.subscriptions.templates()[app];
    if (templateId !== template.id) return fail(40037);
    if (!state.subscriptions.knows(app, touser)) return fail(40003);
    if (state.subscriptions.refused(app, touser)) return fail(43101);
    const values: Record<string, string> = {};
    for (const keyword of template.keywords) {
      const value = (data as Record<string, { value?: unknown } | undefined>)[keyword]?.value;
      if (!keywordValueAllowed(keyword, value)) return fail(47003, `argument invalid! data.${keyword}.value invalid`);
      values[keyword] = value as string;
    }
    if (!state.subscriptions.spend(app, touser, templateId)) return fail(43101);
    state.subscriptions.deliver({
      app,
      api: API[app],
      touser,
      templateId,
      ...(page === undefined ? {} : { page }),
      ...(program ? { miniprogram: program } : {}),
      data: values,
      at: state.now(),
    });
    return { errcode: 0, errmsg: 'ok' };
  };
}

/** bizsend's `miniprogram: {appid, pagepath}`: undefined when absent, null when malformed. */
function parseMiniprogram(value: unknown): { appid: string; pagepath: string } | undefined | null {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return null;
  const { appid, pagepath } = value as Record<string, unknown>;
  return typeof appid === 'string' && typeof pagepath === 'string' ? { appid, pagepath } : null;
}

/** `POST /cgi-bin/message/subscribe/send?access_token`: the mini program's subscribe message. */
export const subscribeMessageSend = subscribeSend('mini');
/** `POST /cgi-bin/message/subscribe/bizsend?access_token`: the service account's 订阅通知. */
export const subscribeMessageBizsend = subscribeSend('mp');
