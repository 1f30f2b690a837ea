import { Button, Text, View } from '@tarojs/components';
import type { LaunchView } from '../../../../shared/live-card-view';
import { useEffect, useState } from 'react';
import { pressable } from '../pressable';
import { copyLink } from './copy-link';
import { qrCodeDataUrl } from './qr-code';
import './qr-launch.css';

export interface QrLaunchProps {
  /** The live page's short link: what the QR code holds and the button copies. */
  link: string;
  /** Its words, from the shared `launchView()` (the BFF's first screen draws the same). */
  view: Extract<LaunchView, { kind: 'qr' }>;
}

/**
 * Outside WeChat and WeCom (another phone browser, a desktop): WeCom's live mini program cannot be opened from
 * here, so the action becomes a QR code of the live page to scan with WeChat, a copy-link button and one line of
 * guidance. The card above still shows everything. Drawn at once, the box of the code empty until the QR library
 * (its own chunk) has drawn it, so nothing below moves when it arrives.
 */
export function QrLaunch({ link, view }: QrLaunchProps) {
  const [qr, setQr] = useState<{ link: string; src?: string; failed?: boolean }>({ link });

  useEffect(() => {
    let cancelled = false;
    qrCodeDataUrl(link).then(
      (src) => !cancelled && setQr({ link, src }),
      () => !cancelled && setQr({ link, failed: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [link]);

  const shown = qr.link === link ? qr : { link };
  const copy = () => copyLink(link);
  return (
    <View className="web-launch">
      <View className="web-launch__qr">
        {shown.src && <img className="web-launch__qr-image" src={shown.src} alt={`直播二维码：${link}`} />}
        {shown.failed && <Text className="web-launch__qr-link">{link}</Text>}
      </View>
      <View className="web-launch__body">
        <Text className="web-launch__title">{view.title}</Text>
        <Text className="web-launch__hint">{view.hint}</Text>
        <Button className="web-launch__copy" onClick={copy} {...pressable(copy)}>
          {view.copyLabel}
        </Button>
      </View>
    </View>
  );
}
