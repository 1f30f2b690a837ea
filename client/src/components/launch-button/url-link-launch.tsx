import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { LaunchView } from '../../../../shared/live-card-view';
import { useUrlLink } from '../../launch/use-url-link';
import { ActionButton } from '../action-button';
import { copyLink } from './copy-link';
import { QrLaunch } from './qr-launch';

/** How long a tap made before the link arrived waits for it before the page offers the QR code instead. */
export const TAP_WAIT_MS = 3_000;

/** The hint while a tap waits for the link. */
export const WAITING_HINT = '正在打开微信…';

export interface UrlLinkLaunchProps {
  livingId: string;
  replay: boolean;
  /** The page's campaign tag: the URL Link carries it into the mini program. */
  from?: string;
  /** The live page's short link: what copy link copies (and the fallback's QR code holds). */
  link: string;
  view: Extract<LaunchView, { kind: 'url-link' }>;
  /** A plain navigation to the URL Link; WeChat takes it from there. */
  goTo?: (url: string) => void;
}

const assign = (url: string) => window.location.assign(url);

/**
 * A phone browser outside WeChat: 「打开微信观看」 goes to a WeChat URL Link of our mini program's live page (the
 * viewer taps once more there), copy link beside it. The button shows at once, where the first screen drew it; a tap
 * before the link arrived waits for it (at most {@link TAP_WAIT_MS}, the button busy and saying so). With no link
 * (the BFF has none now, or could not be asked) the QR code of the page and copy link stand in, as on a desktop.
 */
export function UrlLinkLaunch({ livingId, replay, from, link, view, goTo = assign }: UrlLinkLaunchProps) {
  const { state, settled } = useUrlLink(livingId, { replay, from });
  const [waiting, setWaiting] = useState(false);
  const [gaveUp, setGaveUp] = useState(false);

  useEffect(() => {
    if (!waiting) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      cancelled = true;
      setWaiting(false);
      setGaveUp(true);
    }, TAP_WAIT_MS);
    void settled().then((url) => {
      if (cancelled) return;
      clearTimeout(timer);
      setWaiting(false);
      if (url) goTo(url);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [waiting, settled, goTo]);

  const open = () => (state.phase === 'ready' ? goTo(state.url) : setWaiting(true));
  // Polite: what a tap started (the wait, the QR code standing in) is read out without taking the focus away.
  return (
    <View className="url-link-launch" aria-live="polite">
      {state.phase === 'none' || gaveUp ? (
        <QrLaunch link={link} view={view.fallback} />
      ) : (
        <ActionButton
          label={view.label}
          loading={waiting}
          hint={waiting ? WAITING_HINT : view.hint}
          onClick={open}
          secondary={{ label: view.copyLabel, onClick: () => copyLink(link) }}
        />
      )}
    </View>
  );
}
