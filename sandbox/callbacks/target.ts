import { z } from 'zod';

/**
 * The agent id events carry when the target names none: 1000002 is the id WeCom gives a corp's first self-built
 * app, so it is what most real callbacks say.
 */
export const SANDBOX_CALLBACK_AGENT_ID = '1000002';

/**
 * Where the sandbox's WeCom sends callbacks, as an admin would set it in the app's 接收消息 settings: the URL, the
 * Token, the EncodingAESKey, plus the app's AgentID the events name (default {@link SANDBOX_CALLBACK_AGENT_ID}).
 */
export interface CallbackTarget {
  url: string;
  token: string;
  aesKey: string;
  agentId?: string;
}

/**
 * The console's rules, so a BFF configured with something WeCom would refuse fails in the sandbox too: Token
 * 1–32 letters or digits, EncodingAESKey exactly 43 letters or digits, an http(s) URL.
 */
export const callbackTargetSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }),
    token: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'token must be 1–32 letters or digits (WeCom console rule)'),
    aesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'aesKey must be 43 letters or digits (WeCom console rule)'),
    agentId: z
      .string()
      .regex(/^[0-9]{1,10}$/, 'agentId is digits')
      .optional(),
  })
  .strict();

/** A checked copy of `target`; throws a RangeError that says what WeCom's console would refuse. */
export function checkCallbackTarget(target: CallbackTarget): Required<CallbackTarget> {
  const parsed = callbackTargetSchema.safeParse(target);
  if (!parsed.success) throw new RangeError(`sandbox: callback target refused: ${z.prettifyError(parsed.error)}`);
  return Object.freeze({ ...parsed.data, agentId: parsed.data.agentId ?? SANDBOX_CALLBACK_AGENT_ID });
}
