import { useEffect } from 'react';
import type { LiveCard } from '../../../shared/live-card';
import { useWechatEnv } from '../launch/wechat-env';
import { useServices } from '../services';
import { liveShareCard } from './share-card';

/** H5 in WeChat: the share card of the live (theme, description, short link, icon) once the JS-SDK is ready. */
export function useShareCard(live: LiveCard | undefined, replay: boolean): void {
  const env = useWechatEnv();
  const { h5Launcher } = useServices();
  const livingId = live?.livingId;
  const theme = live?.theme;
  const description = live?.description;
  useEffect(() => {
    if (env !== 'wechat' || livingId === undefined || theme === undefined || description === undefined) return;
    void h5Launcher.shareCard(liveShareCard({ livingId, theme, description }, replay, window.location.origin));
  }, [env, h5Launcher, livingId, theme, description, replay]);
}
