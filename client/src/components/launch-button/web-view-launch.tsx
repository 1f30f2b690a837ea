import { useState } from 'react';
import { livePageUrl } from '../../routes';
import { useServices } from '../../services';
import { ActionButton } from '../action-button';
import { copyLink } from './copy-link';

export interface WebViewLaunchProps {
  livingId: string;
  label: string;
  replay: boolean;
  /** The page's short link, for the copy-link way out. */
  link: string;
}

/**
 * H5 in a mini program's `<web-view>`: open tags do not work there, but the page can go to the live page of the mini
 * program holding it, whose own button opens WeCom's live mini program. A web-view only loads domains its mini program
 * registered, so in practice that is ours; if not (no such page), the button says so and offers the link instead.
 */
export function WebViewLaunch({ livingId, label, replay, link }: WebViewLaunchProps) {
  const { h5Launcher } = useServices();
  const [state, setState] = useState<'idle' | 'opening' | 'failed'>('idle');
  const open = () => {
    setState('opening');
    h5Launcher.openHostPage(livePageUrl(livingId, replay)).then(
      () => setState('idle'),
      () => setState('failed'),
    );
  };
  if (state === 'failed') {
    return (
      <ActionButton
        label={label}
        hint="这里不能直接打开直播，请复制链接到微信打开"
        hintTone="error"
        onClick={open}
        secondary={{ label: '复制链接', onClick: () => copyLink(link) }}
      />
    );
  }
  return <ActionButton label={label} loading={state === 'opening'} onClick={open} />;
}
