import Taro from '@tarojs/taro';

/** Taro's toast after a copy, in a chunk of its own (see `copy-link.ts`). */
export function showCopyToast(copied: boolean): void {
  Taro.showToast({ title: copied ? '链接已复制' : '复制失败，请手动复制地址栏链接', icon: 'none' }).catch(
    () => undefined,
  );
}
