/**
 * Copies `link` inside the tap and says so, or how to copy by hand when the browser refuses. The copy is Taro's
 * own way (`setClipboardData` on H5: a selected read-only textarea and `execCommand('copy')`), here focused and
 * selected by range too, for iOS; it stays synchronous, since browsers allow it only inside the tap. Taro's toast
 * is fetched only after a copy (`copy-toast.ts`): its module also carries Taro's modal and action sheet, about
 * 5 KB gzip that every live page visit loaded and almost none used.
 */
export function copyLink(link: string): void {
  const copied = copyToClipboard(link);
  import(/* webpackChunkName: "copy-toast" */ './copy-toast').then(
    (m) => m.showCopyToast(copied),
    () => undefined,
  );
}

function copyToClipboard(text: string): boolean {
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
  }
}
