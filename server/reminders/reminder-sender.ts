import type { Logger } from 'pino';
import type { LiveCard } from '../../shared/live-card';
import type { ReminderTemplate } from '../config/config';
import { isUpstreamError } from '../errors/upstream-error';
import type { SubscribeMessageApi } from '../wechat/subscribe-message-api';
import { FinalSendError, PacedError, type ReminderProcessor } from './reminder-job';
import { reminderData, reminderPagePath } from './reminder-message';
import type { ReminderApp, ReminderStore } from './reminder-store';

/**
 * WeChat's answers after which a send is never tried again: 43101 the user refused or has no send left, 40003 not
 * this app's openid, 40037 the template is not the app's, 47003 a value breaks its keyword's rule. -1, 45009,
 * transport failures and anything else are tried again with back-off, then recorded as `retries`.
 */
export const FINAL_ERRCODES: ReadonlySet<number> = new Set([43101, 40003, 40037, 47003]);

/** The reason recorded for a send that failed for passing reasons until its attempts ran out. */
export const RETRIES_REASON = 'retries';

/**
 * The processor every queue runs: claims the subscriber's reminder (one already sent or dropped is left alone, so
 * a job added twice sends once), sends it from the subscriber's app with the live's card as it is now, and records
 * the outcome. A reminder a killed worker was sending is sent again: WeChat then answers 43101 if the first went
 * out (one accept, one message), which counts as sent — never as a second message.
 */
export function createReminderSender({
  store,
  api,
  card,
  templates,
  logger,
}: {
  store: ReminderStore;
  api: SubscribeMessageApi;
  card: (livingId: string) => Promise<Readonly<LiveCard>>;
  templates: () => Partial<Record<ReminderApp, ReminderTemplate>>;
  logger: Logger;
}): ReminderProcessor {
  return async (job, attempt) => {
    const { livingId, app, openid, templateId } = job;
    const claim = await store.claim(livingId, app, openid);
    if (claim === 'done') return;
    const fail = async (reason: string) => {
      await store.finish(livingId, app, openid, { failed: reason });
      logger.info({ event: 'reminder_failed', livingId, app, reason }, 'reminder not sent');
    };
    try {
      const fields = templates()[app]?.fields;
      if (!fields) throw new FinalSendError('no_template');
      const message = {
        touser: openid,
        templateId,
        pagePath: reminderPagePath(livingId),
        data: reminderData(fields, await card(livingId)),
      };
      // The rate is counted as close to the send as can be: a late message would land in the next second.
      if (attempt.pace && !(await attempt.pace())) {
        if (claim === 'go') await store.release(livingId, app, openid);
        throw new PacedError();
      }
      if (app === 'mini') await api.sendFromMiniProgram(message);
      else await api.sendFromServiceAccount(message);
      await store.finish(livingId, app, openid, { sent: true });
    } catch (err) {
      if (err instanceof PacedError) throw err;
      const errcode = isUpstreamError(err) ? err.errcode : undefined;
      if (claim === 'resume' && errcode === 43101) {
        await store.finish(livingId, app, openid, { sent: true });
        return;
      }
      if (err instanceof FinalSendError || (errcode !== undefined && FINAL_ERRCODES.has(errcode))) {
        const reason = err instanceof FinalSendError ? err.reason : String(errcode);
        await fail(reason);
        throw err instanceof FinalSendError ? err : new FinalSendError(reason);
      }
      if (attempt.last) await fail(RETRIES_REASON);
      else await store.release(livingId, app, openid);
      throw err;
    }
  };
}
