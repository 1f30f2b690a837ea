import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { pressable } from '../pressable';
import { copyLink } from './copy-link';
import { qrCodeDataUrl } from './qr-code';
import './qr-launch.css';

export interface QrLaunchProps {
  /** The live page's short link: what the QR code holds and the button copies. */
  link: string;
  /** The card's action (`进入直播`, `观看回放`…), said in the title. */
  label: string;
  /** On a phone the code cannot be scanned from its own screen: copying the link comes first there. */
  device: 'mobile' | 'desktop';
}

/**
 * Outside WeChat and WeCom (another phone browser, a desktop): WeCom's live mini program cannot be opened from
 * here, so the action becomes a QR code of the live page to scan with WeChat, a copy-link button and one line of
 * guidance. The card above still shows everything.
 */
export function QrLaunch({ link, label, device }: QrLaunchProps) {
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
        <Text className="web-launch__title">{device === 'mobile' ? `在微信中${label}` : `用微信扫码${label}`}</Text>
        <Text className="web-launch__hint">
          {device === 'mobile' ? '复制链接，发到微信里打开；也可用微信扫码' : '也可复制链接，发到微信里打开'}
        </Text>
        <Button className="web-launch__copy" onClick={copy} {...pressable(copy)}>
          复制链接
        </Button>
      </View>
    </View>
  );
}
