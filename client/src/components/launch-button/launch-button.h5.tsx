import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { usePageVisible } from '../../hooks/page-visibility';
import { useLaunchTarget } from '../../launch/use-launch-target';
import { useWechatEnv } from '../../launch/wechat-env';
import { useServices } from '../../services';
import { ActionButton } from '../action-button';
import { codeErrorHint } from './launch-messages';
import { OpenLaunchTag } from './open-launch-tag';
import type { LaunchButtonProps } from './types';

function copyPageLink() {
  Taro.setClipboardData({ data: window.location.href })
    .then(() => Taro.showToast({ title: '链接已复制', icon: 'none' }))
    .catch(() => Taro.showToast({ title: '复制失败，请手动复制地址栏链接', icon: 'none' }));
}

const OUTSIDE_HINT = {
  wxwork: '企业微信里不能直接打开，请复制链接到微信打开',
  browser: '复制链接，发到微信里打开观看',
} as const;

/**
 * H5: inside WeChat the button is covered by the `wx-open-launch-weapp` open tag once the JS-SDK is ready and the
 * launch target is known (both through `H5Launcher`); elsewhere it explains how to get into WeChat.
 */
export default function LaunchButton({ livingId, action, onNotWatchable }: LaunchButtonProps) {
  const env = useWechatEnv();
  const { h5Launcher } = useServices();
  const visible = usePageVisible();
  const replay = action.enabled && action.replay;
  const fetchTarget = useCallback(async () => {
    const [, target] = await Promise.all([h5Launcher.sdkReady(), h5Launcher.launchTarget(livingId, replay)]);
    return target;
  }, [h5Launcher, livingId, replay]);
  const target = useLaunchTarget(action.enabled && env === 'wechat' ? fetchTarget : undefined, { visible });
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (isApiError(target.error, 'LIVE_NOT_WATCHABLE')) onNotWatchable?.();
  }, [target.error, onNotWatchable]);

  if (!action.enabled) return <ActionButton label={action.label} disabled hint={action.hint} />;
  if (env !== 'wechat') {
    return (
      <ActionButton
        label="请在微信中打开"
        disabled
        hint={OUTSIDE_HINT[env]}
        secondary={{ label: '复制链接', onClick: copyPageLink }}
      />
    );
  }
  if (target.phase === 'error') {
    const unavailable = (target.error as { code?: string } | undefined)?.code === 'LAUNCH_UNAVAILABLE';
    return (
      <ActionButton
        label={action.label}
        disabled={unavailable}
        hint={unavailable ? (target.error as Error).message : codeErrorHint(target.error)}
        hintTone={unavailable ? 'muted' : 'error'}
        onClick={target.refresh}
        secondary={
          unavailable ? { label: '复制链接', onClick: copyPageLink } : { label: '重试', onClick: target.refresh }
        }
      />
    );
  }
  if (target.phase !== 'ready') return <ActionButton label={action.label} loading />;

  const launchTarget = target.target;
  return (
    <ActionButton
      label={action.label}
      hint={failed ? '没能打开直播，请重试' : undefined}
      hintTone="error"
      overlay={
        launchTarget && (
          <OpenLaunchTag
            username={launchTarget.username}
            path={launchTarget.path}
            onLaunch={() => setFailed(false)}
            onError={() => setFailed(true)}
          />
        )
      }
    />
  );
}
