/**
 * Puts `text` on the clipboard: the asynchronous Clipboard API where the page may use it (a secure context, and
 * WeCom's browser allows it), else a selected, hidden textarea and `execCommand('copy')`, which older embedded
 * browsers still honour. Resolves to whether either worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, page not focused): try the old way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  // Focused and selected by range too: iOS Safari copies nothing from a select() alone.
  area.focus();
  area.select();
  area.setSelectionRange(0, text.length);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
