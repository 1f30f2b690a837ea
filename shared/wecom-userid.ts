/**
 * A WeCom userid as this app takes one, wherever it takes one (the staff and anchor lists in the configuration,
 * the console's anchor field, the BFF's create route, a manager's "sign out everywhere"): 1–64 of letters, digits
 * and `_ - . @`, the characters WeCom's address book allows (an e-mail-like `li.fang@hq` is a userid).
 */
export const WECOM_USERID_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

export const isWecomUserId = (value: string): boolean => WECOM_USERID_PATTERN.test(value);
