import { SANDBOX_REMINDER_TEMPLATES } from '../../../sandbox';
import type { Config } from '../../../server/config/config';
import { DEFAULT_REMINDER_FIELDS } from '../../../server/config/config';
import { createSessionTokens } from '../../../server/sign-in/viewer-session-tokens';
import { SESSION_SECRET, type Harness } from '../harness';

export const MINI_TEMPLATE = SANDBOX_REMINDER_TEMPLATES.mini.id;
export const MP_TEMPLATE = SANDBOX_REMINDER_TEMPLATES.mp.id;

/** Reminders as sandbox mode configures them, with test-sized attempts and back-off. */
export function reminderConfig(
  base: Config['reminders'],
  overrides: Partial<Config['reminders']> = {},
): Config['reminders'] {
  return {
    ...base,
    mini: { templateId: MINI_TEMPLATE, fields: [...DEFAULT_REMINDER_FIELDS] },
    mp: { templateId: MP_TEMPLATE, fields: [...DEFAULT_REMINDER_FIELDS] },
    sendRatePerSecond: 1000,
    attempts: 3,
    backoffMs: 20,
    ...overrides,
  };
}

/** An H5 session (the service account's openid) as the OAuth callback would set it: the `wlv_session` cookie. */
export async function h5Cookie(h: Harness, openid: string): Promise<string> {
  const tokens = createSessionTokens({
    secret: SESSION_SECRET,
    appIds: [h.config.wechat.miniAppId, h.config.officialAccount.appId],
  });
  const { token } = await tokens.issue({ openid, appId: h.config.officialAccount.appId, via: 'h5' });
  return `wlv_session=${token}`;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
