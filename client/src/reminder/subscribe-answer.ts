/**
 * What WeChat's subscribe prompt came to, for one template, on either platform:
 * - `accept`: one message of the template may be sent to the viewer (one-time subscription);
 * - `reject`: not this time — asking again shows the prompt again;
 * - `ban`: refused with "always keep this choice" (总是保持以上选择), so no prompt shows until the viewer changes it
 *   in the settings; `off` is the same for all subscribe messages (errCode 20004: the main switch is off);
 * - `filter`: WeChat dropped the template (its title clashes, or it is not this app's): a configuration problem;
 * - `failed`: the prompt did not run (a network blip, too old a WeChat): trying again may help.
 */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'off' | 'filter' | 'failed';

/** errCode of a refused call when the viewer turned subscribe messages off altogether (both platforms). */
export const SUBSCRIBE_SWITCHED_OFF = 20004;
/** errCode of the H5 open tag when no template data came back (unknown id, wrong kind of template). */
const OPEN_TAG_NO_TEMPLATE = 20001;

const errCodeOf = (failure: unknown): number | undefined => {
  const code = (failure as { errCode?: unknown } | null | undefined)?.errCode;
  const number = typeof code === 'string' ? Number(code) : code;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
};

/**
 * Mini program: `wx.requestSubscribeMessage`'s success answer maps each template id to `accept` / `reject` / `ban` /
 * `filter`. Anything else for our id (missing, a newer word) is not an accept: treated as a failed prompt.
 */
export function answerFromPrompt(result: unknown, templateId: string): SubscribeAnswer {
  const value = (result as Record<string, unknown> | null | undefined)?.[templateId];
  return value === 'accept' || value === 'reject' || value === 'ban' || value === 'filter' ? value : 'failed';
}

/** Mini program: the call failed (`fail`); errCode 20004 says the viewer switched subscribe messages off. */
export function answerFromPromptFailure(failure: unknown): SubscribeAnswer {
  return errCodeOf(failure) === SUBSCRIBE_SWITCHED_OFF ? 'off' : 'failed';
}

/**
 * H5: the `wx-open-subscribe` tag's `success` event. Its `detail.subscribeDetails` is a JSON string mapping each
 * template id to another JSON string, `{"status":"accept"}` (or `reject`, `cancel`, `filter`); `cancel` is the
 * viewer closing the prompt, a plain no. Some clients send an empty detail: nothing is known, so nothing is recorded.
 */
export function answerFromOpenTag(detail: unknown, templateId: string): SubscribeAnswer {
  try {
    const details = (detail as { subscribeDetails?: unknown } | null | undefined)?.subscribeDetails;
    const byTemplate = JSON.parse(typeof details === 'string' ? details : 'null') as Record<string, unknown> | null;
    const entry = byTemplate?.[templateId];
    const parsed = (typeof entry === 'string' ? JSON.parse(entry) : entry) as { status?: unknown } | null | undefined;
    const status = parsed?.status;
    if (status === 'cancel') return 'reject';
    return status === 'accept' || status === 'reject' || status === 'ban' || status === 'filter' ? status : 'failed';
  } catch {
    return 'failed';
  }
}

/** H5: the tag's `error` event: 20004 the switch is off, 20001 the template is unusable, anything else a failure. */
export function answerFromOpenTagError(detail: unknown): SubscribeAnswer {
  const code = errCodeOf(detail);
  if (code === SUBSCRIBE_SWITCHED_OFF) return 'off';
  return code === OPEN_TAG_NO_TEMPLATE ? 'filter' : 'failed';
}
