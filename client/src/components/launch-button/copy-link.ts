import { copyBySelection } from '../../dom/copy-by-selection';

/**
 * Copies `link` inside the tap and says so, or how to copy by hand when the browser refuses. The copy is Taro's
 * own way on H5 (`copyBySelection`), without `setClipboardData`: Taro's toast is fetched only after a copy (`copy-toast.ts`): its module also carries Taro's modal and action sheet, about
 * 5 KB gzip that every live page visit loaded and almost none used.
 */
export function copyLink(link: string): void {
  const copied = copyBySelection(link);
  import(/* webpackChunkName: "copy-toast" */ './copy-toast').then(
    (m) => m.showCopyToast(copied),
    () => undefined,
  );
}
