import Taro from '@tarojs/taro';

/** Copies `link` and says so; when the browser refuses, says how to copy by hand. */
export function copyLink(link: string): void {
  Taro.setClipboardData({ data: link })
    .then(() => Taro.showToast({ title: '链接已复制', icon: 'none' }))
    .catch(() => Taro.showToast({ title: '复制失败，请手动复制地址栏链接', icon: 'none' }));
}
