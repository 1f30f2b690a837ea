import { z } from 'zod';
import type { StaffReminderStats } from '../../../shared/staff-api';
import type { ReminderService } from '../../reminders/reminder-service';
import { ErrorBodySchema, LiveParamsSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import type { SameShape } from '../same-shape';
import { upstreamUnavailable } from '../upstream-unavailable';

const count = z.number().int().nonnegative();
export const StaffReminderStatsSchema = z
  .object({
    subscribers: count,
    pending: count,
    sent: count,
    failed: z.array(z.object({ reason: z.string(), count }).strict()),
    sending: z.boolean(),
  })
  .strict();
export const staffReminderStatsMatchType: SameShape<
  z.output<typeof StaffReminderStatsSchema>,
  StaffReminderStats
> = true;

/** A live's 开播提醒 for staff: how many asked, how many were sent, why the others failed, and whether it is sending. */
export function staffReminderRoutes({ reminders }: { reminders: ReminderService }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/staff/lives/:livingId/reminders',
      summary: "A live's reminders: subscribers, pending, sent, failed by WeChat's reason, sending now",
      auth: 'staff',
      params: LiveParamsSchema,
      responses: {
        200: { description: 'The counts', schema: StaffReminderStatsSchema },
        401: { description: 'No staff session', schema: ErrorBodySchema },
        403: { description: 'Not on the staff list', schema: ErrorBodySchema },
        404: { description: 'No such live', schema: ErrorBodySchema },
        503: upstreamUnavailable('WeCom'),
      },
      async handler(ctx, { params }) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await reminders.stats(params.livingId);
      },
    }),
  ];
}
