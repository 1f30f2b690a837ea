/**
 * What staff read for each reason a reminder was given up (`StaffReminderStats.failed[].reason`): WeChat's errcode of
 * `subscribe/send` / `subscribe/bizsend`, or `retries` when passing failures outlasted the retries. A reason this
 * console does not know yet is shown as it came, so nothing is hidden.
 */
const LABELS: Record<string, string> = {
  '43101': '拒收/次数用完（43101）',
  '40003': 'openid 无效（40003）',
  '40037': '模板无效（40037）',
  '47003': '字段不合规（47003）',
  retries: '重试用尽',
};

export function reminderFailureLabel(reason: string): string {
  return LABELS[reason] ?? `其他原因（${reason}）`;
}
