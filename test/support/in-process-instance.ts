import type { Server } from 'node:http';
import { createApp } from '../../server/app';
import type { Config } from '../../server/config/config';
import { createLogger } from '../../server/logging/logger';
import { createServices, type ServiceOptions } from '../../server/services';
import { createSharedState, sharedServiceOptions } from '../../server/shared-state';

/**
 * A BFF instance inside this process, wired as `runInstance` wires one (its own shared-state connections, memory and
 * HTTP server on a loopback port), but on the caller's clock, so a test or bench can move time for the whole cluster.
 */
export async function startInProcessInstance({
  config,
  now,
  sessionSecret = 'in-process-instance-session-secret-0123456789',
  options = {},
  startJobs = false,
}: {
  config: Config;
  now: () => number;
  sessionSecret?: string;
  /** More of the services' options (tuning). */
  options?: Partial<ServiceOptions>;
  /** Run the background work a real instance runs (the reminders' reconciler and card watch). */
  startJobs?: boolean;
}): Promise<{
  url: string;
  services: ReturnType<typeof createServices>;
  close(options?: { force?: boolean }): Promise<void>;
}> {
  const logger = createLogger({ level: 'silent' });
  const shared = await createSharedState({ config, logger, now });
  const services = createServices({
    config,
    sessionSecret,
    ...sharedServiceOptions(shared),
    logger,
    now,
    ...options,
  });
  if (startJobs) services.reminderJobs.start();
  const server: Server = createApp(services).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    services,
    async close({ force = false } = {}) {
      await services.reminderJobs.stop({ force });
      await new Promise((resolve) => server.close(resolve));
      await shared.close();
    },
  };
}
