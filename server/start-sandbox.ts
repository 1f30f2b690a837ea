import { DEFAULT_REMINDER_FIELDS, type Config } from './config/config';

/** The sandbox as the entry knows it: something to stop, and to tell where WeCom's callbacks go. */
export interface RunningSandbox {
  url: string;
  /** Sends the sandbox's `living_status_change` callbacks to this BFF (its callback URL), signed with its secrets. */
  deliverCallbacksTo(bffOrigin: string): void;
  close(): Promise<void>;
}

/**
 * Points the configuration at the sandbox: the one named by `SANDBOX_URL`, or a fresh one started here. Push is on
 * in sandbox mode: without a callback Token and key configured, a pair is made up for the BFF and the sandbox to
 * share. The emulator is loaded here and only here, through a dynamic import in sandbox mode: a production start
 * never loads a line of it.
 */
export async function startSandbox(config: Config): Promise<{ sandbox: RunningSandbox | undefined; config: Config }> {
  const {
    SANDBOX_ANCHORS,
    SANDBOX_CALLBACK_AGENT_ID,
    SANDBOX_CREDENTIALS,
    SANDBOX_STAFF_MEMBER,
    SANDBOX_REMINDER_TEMPLATES,
    createSandbox,
    pointAtSandbox,
    randomCallbackSecrets,
  } = await import('../sandbox/index.js');
  const secrets =
    config.callback ?? (({ token, aesKey }) => ({ token, encodingAesKey: aesKey }))(randomCallbackSecrets());
  let sandbox: RunningSandbox | undefined;
  let url = config.sandboxUrl;
  if (!url) {
    const started = createSandbox();
    url = await started.listen(config.sandboxPort, '127.0.0.1');
    sandbox = {
      url,
      deliverCallbacksTo: (bffOrigin) =>
        started.callbacks.configure({
          url: `${bffOrigin}/api/wecom/callback`,
          token: secrets.token,
          aesKey: secrets.encodingAesKey,
        }),
      close: () => started.close(),
    };
  }
  const featured = config.liveIds.length > 0 || config.liveAnchors.length > 0;
  return {
    sandbox,
    config: {
      ...pointAtSandbox(config, url, SANDBOX_CREDENTIALS),
      liveAnchors: featured ? config.liveAnchors : [...SANDBOX_ANCHORS],
      callback: secrets,
      // The sandbox's apps hold one reminder template each: offered unless the environment names others.
      reminders: {
        ...config.reminders,
        mini: config.reminders.mini ?? {
          templateId: SANDBOX_REMINDER_TEMPLATES.mini.id,
          fields: [...DEFAULT_REMINDER_FIELDS],
        },
        mp: config.reminders.mp ?? {
          templateId: SANDBOX_REMINDER_TEMPLATES.mp.id,
          fields: [...DEFAULT_REMINDER_FIELDS],
        },
      },
      // WeCom's QR login is the sandbox too; its staff are the sandbox's unless the environment says otherwise.
      staff: {
        ...config.staff,
        loginBase: url,
        agentId: config.staff.agentId || SANDBOX_CALLBACK_AGENT_ID,
        // 赵敏 (marketing) may see stats and share kits; 李芳 may also manage lives.
        ...(config.staff.userIds.length ? {} : { userIds: [SANDBOX_STAFF_MEMBER, 'lifang'], managers: ['lifang'] }),
      },
    },
  };
}
