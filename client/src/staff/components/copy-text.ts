import { copyBySelection } from '../../dom/copy-by-selection';

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
  return copyBySelection(text);
}
