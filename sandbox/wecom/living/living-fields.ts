import type { LivingType } from './living-info';

/** The fields `living/create` and `living/modify` both take, checked as WeCom checks them. */
export interface LivingFields {
  theme?: string;
  living_start?: number;
  living_duration?: number;
  type?: LivingType;
  description?: string;
  remind_time?: number;
}

/**
 * The two pages word the text limits differently: `living/create` allows 20 and 100 UTF-8 *characters*,
 * `living/modify` 60 and 300 *bytes* (the same for Chinese text, three bytes a character; not for ASCII or emoji).
 * Each call is held to its own page.
 */
const LIMITS = {
  create: { theme: (s: string) => [...s].length <= 20, description: (s: string) => [...s].length <= 100 },
  modify: {
    theme: (s: string) => Buffer.byteLength(s) <= 60,
    description: (s: string) => Buffer.byteLength(s) <= 300,
  },
} as const;

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * The fields present in `body`, or the name of the first one WeCom would refuse (40058): an empty or too long
 * theme or description, a start that is not in the future (unix seconds), a duration that is not a positive number
 * of seconds, a type outside 0–4, a negative `remind_time`. Absent fields are left out; `required` names those that
 * must be there.
 */
export function readLivingFields(
  body: Record<string, unknown>,
  { call, nowSeconds, required = [] }: { call: 'create' | 'modify'; nowSeconds: number; required?: string[] },
): { fields: LivingFields } | { invalid: string } {
  for (const name of required) if (body[name] === undefined) return { invalid: name };
  const limits = LIMITS[call];
  const fields: LivingFields = {};
  const { theme, living_start: start, living_duration: duration, type, description, remind_time: remind } = body;
  if (theme !== undefined) {
    if (typeof theme !== 'string' || !theme.trim() || !limits.theme(theme)) return { invalid: 'theme' };
    fields.theme = theme;
  }
  if (start !== undefined) {
    if (!isInteger(start) || start <= nowSeconds) return { invalid: 'living_start' };
    fields.living_start = start;
  }
  if (duration !== undefined) {
    if (!isInteger(duration) || duration <= 0) return { invalid: 'living_duration' };
    fields.living_duration = duration;
  }
  if (type !== undefined) {
    if (!isInteger(type) || type < 0 || type > 4) return { invalid: 'type' };
    fields.type = type as LivingType;
  }
  if (description !== undefined) {
    if (typeof description !== 'string' || !limits.description(description)) return { invalid: 'description' };
    fields.description = description;
  }
  if (remind !== undefined) {
    if (!isInteger(remind) || remind < 0) return { invalid: 'remind_time' };
    fields.remind_time = remind;
  }
  return { fields };
}
