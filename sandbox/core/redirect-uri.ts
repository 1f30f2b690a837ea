/** The lower-case host of an absolute http(s) URL, or `undefined` when it is not one. */
export function redirectHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** Appends `params` to the URL's own query (before any fragment), keeping what is there as it was. */
export function appendQuery(url: string, params: string): string {
  const hashAt = url.indexOf('#');
  const base = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : url.slice(hashAt);
  const separator = !base.includes('?') ? '?' : /[?&]$/.test(base) ? '' : '&';
  return `${base}${separator}${params}${fragment}`;
}

/** `code=CODE&state=STATE`, the state back verbatim and left out when none was sent (WeChat and WeCom alike). */
export function codeParams(code: string, state: string | undefined): string {
  return `code=${code}${state === undefined ? '' : `&state=${state}`}`;
}

/** WeChat and WeCom: "state … a-zA-Z0-9 的参数值，最多 128 字节". */
export const STATE_PATTERN = /^[A-Za-z0-9]{0,128}$/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
