import { REMINDER_CAMPAIGN_TAG } from '../../shared/api';
import type { LiveCard } from '../../shared/live-card';
import { LIVE_PAGE } from '../../shared/paths';
import type { ReminderField, ReminderFieldSource } from '../config/config';
import { chinaTimeValue, keywordValue } from '../wechat/subscribe-values';

/**
 * The page a reminder opens: our live page with the campaign tag, so the tap counts in the funnel under `remind`.
 * Never a living code: a message lasts, a code lasts five minutes and belongs to one viewer.
 */
export function reminderPagePath(livingId: string): string {
  return `${LIVE_PAGE.slice(1)}?id=${encodeURIComponent(livingId)}&from=${REMINDER_CAMPAIGN_TAG}`;
}

const FIXED: Partial<Record<ReminderFieldSource, string>> = { note: '直播已开始，点击进入观看', status: '已开播' };

/** The template's keywords filled from the live's card, each within its type's rule. */
export function reminderData(fields: readonly ReminderField[], card: LiveCard): Record<string, string> {
  const data: Record<string, string> = {};
  for (const { keyword, source } of fields) {
    if (source === 'start') {
      data[keyword] = chinaTimeValue(keyword, Date.parse(card.startsAt));
      continue;
    }
    const text =
      FIXED[source] ??
      (source === 'theme' ? card.theme : source === 'description' ? card.description || card.theme : card.anchorUserId);
    data[keyword] = keywordValue(keyword, text);
  }
  return data;
}
