import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { LaunchButton } from '../../components/launch-button';
import { LiveCard, LiveCardSkeleton } from '../../components/live-card';
import { pressable } from '../../components/pressable';
import { ReminderButton } from '../../components/reminder-button';
import { StateView } from '../../components/state-view';
import { LIVE_PAGE_WORDS, NO_DESCRIPTION } from '../../../../shared/live-card-view';
import { useFirstScreenHandover } from '../../hooks/first-screen-handover';
import { usePageScrollRegion } from '../../hooks/page-scroll-region';
import { usePageVisible } from '../../hooks/page-visibility';
import { useLivePage } from '../../hooks/use-live-page';
import { HOME_PAGE } from '../../../../shared/paths';
import { useShareCard } from '../../share/use-share-card';
import { useMiniProgramShare } from './mini-program-share';
import { usePageTitle } from './page-title';
import { sendViewBeacon } from '../../funnel/view-beacon';
import { useServices } from '../../services';
import './index.css';

function goHome() {
  void Taro.reLaunch({ url: HOME_PAGE });
}

/**
 * One live, large: the target of shares and marketing links, so it works as a cold entry (`?id=…[&replay=1]`).
 * Kept fresh while visible; the action comes from the card's `primaryAction()` and opens WeCom's live mini program.
 * On H5 the card may have come drawn with the HTML: the page takes it over in place.
 */
export default function LivePage() {
  const router = useRouter();
  const visible = usePageVisible();
  // In the mini program, also from a mini program code's scene (`use-live-page.weapp.ts`).
  const { livingId, replay, from, state, refresh } = useLivePage(router.params, visible);
  const live = state.status === 'ready' ? state.live : undefined;
  const theme = live?.theme;
  const { api, http } = useServices();
  const shown = live !== undefined;

  useEffect(() => {
    // Our funnel: the live page showed this live (once per live shown, whatever refreshes follow).
    if (shown && livingId) sendViewBeacon({ api, http }, livingId, from);
  }, [api, http, livingId, from, shown]);

  usePageTitle(theme);

  useMiniProgramShare(theme, livingId, replay);
  // H5 in WeChat: the same card through the JS-SDK.
  useShareCard(live, replay);
  const root = useRef<unknown>(null);
  usePageScrollRegion(root, theme || '直播');
  useFirstScreenHandover(state.status !== 'loading', root);

  return (
    <View className="page live-page" ref={root}>
      {state.status === 'loading' && (
        <View role="status" aria-busy="true" aria-label="正在加载直播">
          <LiveCardSkeleton variant="full" />
        </View>
      )}
      {state.status === 'not-found' && (
        <StateView
          kind="not-found"
          title="直播不存在"
          description="链接可能有误，或这场直播已被删除"
          actionLabel="看看其他直播"
          onAction={goHome}
        />
      )}
      {state.status === 'error' && (
        <StateView
          kind="error"
          title="加载失败"
          description="网络不太顺畅，请稍后重试"
          actionLabel="重试"
          onAction={refresh}
        />
      )}
      {live && (
        <>
          <LiveCard
            live={live}
            variant="full"
            replayAsked={replay}
            renderAction={(action) => (
              <LaunchButton
                livingId={live.livingId}
                action={action}
                onNotWatchable={refresh}
                from={from}
                reservedStart={live.status === 'reserved' ? live.startsAt : undefined}
              />
            )}
          />
          <View className="live-page__section">
            <Text className="live-page__section-title">{LIVE_PAGE_WORDS.descriptionTitle}</Text>
            <Text className="live-page__description">{live.description.trim() || NO_DESCRIPTION}</Text>
          </View>
          <View className="live-page__more" onClick={goHome} {...pressable(goHome)}>
            <Text>{LIVE_PAGE_WORDS.more}</Text>
          </View>
          {/* Last on the page: it appears once the BFF named a template, and nothing drawn (by the first screen
              too) moves for it. Only a reserved live has a start to be reminded of. */}
          {live.status === 'reserved' && <ReminderButton livingId={live.livingId} />}
        </>
      )}
    </View>
  );
}
