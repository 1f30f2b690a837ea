import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useShareAppMessage } from '@tarojs/taro';
import { useRef } from 'react';
import type { LiveCard as Live } from '../../../../shared/live-card';
import { LiveCard, LiveCardSkeleton } from '../../components/live-card';
import { StateView } from '../../components/state-view';
import { HOME_WORDS } from '../../../../shared/live-card-view';
import { useFirstScreenHandover } from '../../hooks/first-screen-handover';
import { usePageScrollRegion } from '../../hooks/page-scroll-region';
import { usePageVisible } from '../../hooks/page-visibility';
import { useLives } from '../../hooks/use-lives';
import { HOME_PAGE } from '../../../../shared/paths';
import { livePageUrl } from '../../routes';
import './index.css';

/** Coming back to the list after this long reloads it quietly: statuses change. */
const STALE_AFTER_MS = 60_000;

function openLive(live: Live) {
  void Taro.navigateTo({ url: livePageUrl(live.livingId) });
}

/**
 * Home: the featured lives as cards, kept current by the push socket while shown; tapping one opens its page. On H5
 * the first cards may have come drawn with the HTML: the page takes them over in place.
 */
export default function IndexPage() {
  const visible = usePageVisible();
  const { state, reload, loadedAt } = useLives({ visible });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useDidShow(() => {
    if (loadedAt() > 0 && Date.now() - loadedAt() > STALE_AFTER_MS) void reload();
  });
  useShareAppMessage(() => ({ title: HOME_WORDS.title, path: HOME_PAGE }));
  const root = useRef<unknown>(null);
  usePageScrollRegion(root, HOME_WORDS.title);
  useFirstScreenHandover(state.status !== 'loading', root);

  return (
    <View className="page home" ref={root}>
      <View className="home__header">
        <Text className="home__title">{HOME_WORDS.title}</Text>
        <Text className="home__subtitle">{HOME_WORDS.subtitle}</Text>
      </View>
      {state.status === 'loading' && (
        <View className="home__list" role="status" aria-busy="true" aria-label="正在加载直播">
          <LiveCardSkeleton />
          <LiveCardSkeleton />
          <LiveCardSkeleton />
        </View>
      )}
      {state.status === 'error' && (
        <StateView
          kind="error"
          title="加载失败"
          description="网络不太顺畅，请稍后重试"
          actionLabel="重试"
          onAction={() => void reload()}
        />
      )}
      {state.status === 'ready' && state.lives.length === 0 && (
        <StateView
          kind="empty"
          title="暂时没有直播"
          description="新的直播安排好后会出现在这里"
          actionLabel="刷新"
          onAction={() => void reload()}
        />
      )}
      {state.status === 'ready' && state.lives.length > 0 && (
        <View className="home__list">
          {state.lives.map((live) => (
            <LiveCard key={live.livingId} live={live} onOpen={openLive} />
          ))}
        </View>
      )}
    </View>
  );
}
