import escapeHtml from 'escape-html';

/** Text (from WeCom, from a URL) as HTML text or attribute value: `& < > " '` escaped, nothing else changed. */
export const htmlText = (text: string): string => escapeHtml(text);

/**
 * A value as the text of a `<script type="application/json">`: JSON, with every `<` written `\u003c` so no
 * `</script>` or `<!--` inside a string can end or bend the element, and the line separators U+2028/U+2029 escaped
 * (JSON allows them raw; older script parsers did not). `JSON.parse` of the element's text gives the value back.
 */
export function jsonInScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
