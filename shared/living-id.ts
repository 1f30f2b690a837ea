/**
 * What a WeCom living id can look like here: 1–128 of `A–Z a–z 0–9 _ -`. WeCom's ids are URL-safe; anything else
 * (slashes, dots, spaces, control characters) cannot be one, so it is refused before it costs a call or a page.
 */
export const LIVING_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const isLivingId = (value: string): boolean => LIVING_ID_PATTERN.test(value);
