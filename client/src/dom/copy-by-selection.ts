/**
 * Copies `text` the way every browser still honours inside a tap: a hidden read-only textarea, selected, and
 * `execCommand('copy')`. Focused and selected by range too: iOS Safari copies nothing from a `select()` alone.
 * Synchronous on purpose (a browser allows the copy only while the tap is being handled); `true` when it worked.
 * Shared by the viewer pages (Taro's own H5 copy, without its toast module) and the staff console (its fallback).
 * Focus goes back where it was, so a keyboard user who pressed a copy button is still on it.
 */
export function copyBySelection(text: string): boolean {
  const focused = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.focus();
  area.select();
  area.setSelectionRange(0, text.length);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    if (focused instanceof HTMLElement) focused.focus({ preventScroll: true });
  }
}
