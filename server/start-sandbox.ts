import type { Config } from './config/config';

/** The sandbox as the entry knows it: something to stop. */
export interface RunningSandbox {
  url: string;
  close(): Promise<void>;
}

/**
 * Points the configuration at the sandbox: the one named by `SANDBOX_URL`, or a fresh one started here. The
 * emulator is loaded here and only here, through a dynamic import in sandbox mode: a production start never loads
 * a line of it.
 */
export async function startSandbox(config: Config): Promise<{ sandbox: RunningSandbox | undefined; config: Config }> {
  const { SANDBOX_ANCHORS, SANDBOX_CREDENTIALS, createSandbox, pointAtSandbox } = await import('../sandbox/index.js');
  let sandbox: RunningSandbox | undefined;
  let url = config.sandboxUrl;
  if (!url) {
    const started = createSandbox();
    url = await started.listen(config.sandboxPort, '127.0.0.1');
    sandbox = { url, close: () => started.close() };
  }
  const featured = config.liveIds.length > 0 || config.liveAnchors.length > 0;
  return {
    sandbox,
    config: {
      ...pointAtSandbox(config, url, SANDBOX_CREDENTIALS),
      liveAnchors: featured ? config.liveAnchors : [...SANDBOX_ANCHORS],
    },
  };
}
