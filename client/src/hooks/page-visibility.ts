import { useDidHide, useDidShow } from '@tarojs/taro';
import { useState } from 'react';

/**
 * Whether the page this component is on is showing (mini program `onShow`/`onHide`). Timers that only matter to
 * the viewer (polling, code refresh) stop while it is hidden. The H5 variant also follows `document.hidden`.
 */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  return visible;
}
