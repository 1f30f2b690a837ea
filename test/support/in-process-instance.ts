import type { Server } from 'node:http';
import { createApp } from '../../server/app';
import type { Config } from '../../server/config/config';
import { createLogger } from '../../server/logging/logger';
import { createServices } from '../../server/services';
import { createSharedState, sharedServiceOptions } from '../../server/shared-state';

/**
 * A BFF instance inside this process, wired as `runInstance` wires one (its own shared-state connections, memory and
 * HTTP server on a loopback port), but on the caller's clock, so a test or bench can move time for the whole cluster.
 */
export async function startInProcessInstance({
  config,
  now,
  sessionSecret = 'in-process-instance-session-secret-0123456789',
}: {
  config: Config;
  now: () => number;
  sessionSecret?: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createLogger({ level: 'silent' });
  const shared = await createSharedState({ config, logger, now });
  const services = createServices({
    config,
    sessionSecret,
    ...sharedServiceOptions(shared),
    logger,
    now,
  });
  const server: Server = createApp(services).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await shared.close();
    },
  };
}
