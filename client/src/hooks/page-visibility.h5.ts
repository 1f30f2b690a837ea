import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

/**
 * H5: the page is visible when the router shows it (`useDidShow`/`useDidHide`) and the browser tab is in front
 * (`document.visibilitychange`), so a backgrounded tab stops polling.
 */
export function usePageVisible(): boolean {
  const [routed, setRouted] = useState(true);
  const [tabVisible, setTabVisible] = useState(() => typeof document === 'undefined' || !document.hidden);
  useDidShow(() => setRouted(true));
  useDidHide(() => setRouted(false));
  useEffect(() => {
    const update = () => setTabVisible(!document.hidden);
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return routed && tabVisible;
}
