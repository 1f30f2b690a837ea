import type { LiveFormValues } from '../../../client/src/staff/live-form-rules';

/** Asia/Shanghai (jest.config.js): 2026-12-02 12:00 local. */
export const NOW = Date.parse('2026-12-02T04:00:00Z');

/** A form the console sends as it is: tomorrow 19:30 local (11:30 UTC), 90 minutes. */
export const VALID_LIVE_FORM: LiveFormValues = {
  anchorUserId: 'lifang',
  theme: '冬季新品预告会',
  startsAt: '2026-12-03T19:30',
  durationMinutes: '90',
  type: 'event',
  description: '新品抢先看',
  remindSecondsBefore: '900',
};
