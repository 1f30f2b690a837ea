import type { ReminderService } from '../../reminders/reminder-service';
import { ErrorBodySchema, LiveParamsSchema, ReminderBodySchema, ReminderStateSchema } from '../schemas/api-schemas';
import { defineRoute } from '../route-spec';
import { upstreamUnavailable } from '../upstream-unavailable';

/** 开播提醒 for the signed-in viewer: what to ask WeChat for, and the accept recorded. */
export function reminderRoutes({ reminders }: { reminders: ReminderService }) {
  const refused = {
    400: { description: 'Malformed id or body', schema: ErrorBodySchema },
    401: { description: 'No valid session', schema: ErrorBodySchema },
    404: { description: 'No such live', schema: ErrorBodySchema },
    429: { description: 'Too many requests from this client', schema: ErrorBodySchema },
    503: upstreamUnavailable('WeCom'),
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/lives/:livingId/reminder',
      summary:
        "The viewer's reminder for a live: the template to ask for on their platform, and whether one is recorded",
      auth: 'viewer',
      limit: 'reminder',
      params: LiveParamsSchema,
      responses: { 200: { description: 'The reminder state', schema: ReminderStateSchema }, ...refused },
      async handler(ctx, { params, viewer }) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await reminders.state(viewer, params.livingId, { ip: ctx.ip });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/lives/:livingId/reminder',
      summary: "Records the viewer's accept of the reminder template: one message when the live starts",
      auth: 'viewer',
      limit: 'reminder',
      params: LiveParamsSchema,
      body: ReminderBodySchema,
      responses: {
        200: { description: 'Recorded (asking again changes nothing)', schema: ReminderStateSchema },
        ...refused,
        400: {
          description: "Malformed id or body, or a template that is not this platform's",
          schema: ErrorBodySchema,
        },
        409: { description: 'The live is not reserved (any more)', schema: ErrorBodySchema },
        415: { description: 'Body is not JSON', schema: ErrorBodySchema },
        429: {
          description: 'Too many requests from this client, or the live takes no more reminders',
          schema: ErrorBodySchema,
        },
      },
      async handler(ctx, { params, body, viewer }) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await reminders.subscribe(viewer, params.livingId, body.templateId, { ip: ctx.ip });
      },
    }),
  ];
}
