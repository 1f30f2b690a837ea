import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';

/** The mini program's navigation bar says `title` (the live's theme) while the page shows. */
export function usePageTitle(title: string | undefined): void {
  const show = () => {
    if (title) void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  };
  useEffect(show, [title]);
  useDidShow(show);
}
