import { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';

/**
 * H5: the document's title is `title` (the live's theme) while the page shows. Not through
 * `Taro.setNavigationBarTitle`: Taro's H5 router writes that title into its navigation bar as HTML (`innerHTML`),
 * and a theme is WeCom's text, whatever it holds. `document.title` takes it as text. Again on show: the router puts
 * the page config's title back when a page shows.
 */
export function usePageTitle(title: string | undefined): void {
  const show = () => {
    if (title) document.title = title;
  };
  useEffect(show, [title]);
  useDidShow(show);
}
