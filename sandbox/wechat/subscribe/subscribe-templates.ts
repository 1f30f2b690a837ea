/** Which of our two WeChat apps a subscribe message goes through. */
export type SubscribeApp = 'mini' | 'mp';

/**
 * A subscribe-message template as WeChat's console shows it: its id and its keywords. Each keyword names its type
 * by its prefix (`thing1` is a `thing`, `time2` a `time`), as WeChat's own keywords do.
 */
export interface SubscribeTemplate {
  id: string;
  keywords: readonly string[];
}

/**
 * The reminder templates the sandbox's mini program and service account hold, and the BFF's sandbox mode uses
 * (`server/start-sandbox.ts`): 直播主题 (thing1), 开播时间 (time2), 温馨提示 (thing3). Made-up ids of WeChat's
 * shape (43 URL-safe characters), worthless elsewhere.
 */
export const SANDBOX_REMINDER_TEMPLATES: Readonly<Record<SubscribeApp, SubscribeTemplate>> = {
  mini: { id: 'SbxMiniLiveStartReminder-0a1b2c3d4e5f6a7b8c9', keywords: ['thing1', 'time2', 'thing3'] },
  mp: { id: 'SbxMpLiveStartReminder-9f8e7d6c5b4a39281706f5', keywords: ['thing1', 'time2', 'thing3'] },
};

/** WeChat's limits per keyword type (characters); a value over them is refused (47003), never cut. */
const MAX_LENGTH: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32, number: 32 };
/** `2026年12月4日 14:00`, `2026-12-04 14:00`, `14:00`: the forms WeChat documents for `time`. */
const TIME = /^(\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?|\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?|\d{1,2}:\d{2})$/;
const DATE = /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})$/;

/**
 * Whether `value` is allowed for `keyword` (its type from its prefix): not empty, within the type's length, a
 * `time`/`date` in one of WeChat's formats. Characters are counted as code points, as WeChat counts Chinese ones.
 */
export function keywordValueAllowed(keyword: string, value: unknown): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  const type = keyword.replace(/\d+$/, '');
  if (type === 'time') return TIME.test(value);
  if (type === 'date') return DATE.test(value);
  const max = MAX_LENGTH[type];
  return max === undefined || [...value].length <= max;
}
