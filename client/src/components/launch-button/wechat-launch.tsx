import { useCallback, useEffect, useState } from 'react';
import type { CodePurpose } from '../../../../shared/api';
import { isApiError, type ClientErrorCode } from '../../api/api-error';
import { usePageVisible } from '../../hooks/page-visibility';
import { useLaunchTarget } from '../../launch/use-launch-target';
import { usePlannedStart } from '../../launch/use-planned-start';
import { useServices } from '../../services';
import { ActionButton } from '../action-button';
import { copyLink } from './copy-link';
import { codeErrorHint, PREPARED_LABEL } from './launch-messages';
import { OpenLaunchTag, useOpenTagsUnusable } from './open-launch-tag';
import { WaitingInLine } from './waiting-in-line';

export interface WechatLaunchProps {
  livingId: string;
  label: string;
  replay: boolean;
  /** The page's short link, for the copy-link way out. */
  link: string;
  onNotWatchable?: () => void;
  /** The page's campaign tag, for our funnel. */
  from?: string;
  /** The start a reserved live is planned for: a moved live drops the code prepared for the old one. */
  reservedStart?: string;
}

const errorCode = (error: unknown): ClientErrorCode | undefined =>
  (error as { code?: ClientErrorCode } | undefined)?.code;

/**
 * H5 inside WeChat: once the JS-SDK is ready and the viewer's code is known (signing in first when needed), the
 * button is covered by the `wx-open-launch-weapp` open tag, whose path is renewed before the code expires while
 * WeCom's budget allows. Without a code the button is a plain one whose tap asks for it; the tag then goes over it,
 * asking for the tap that opens ({@link PREPARED_LABEL}). When WeChat refuses the JS-SDK or open tags, the button
 * explains and offers a way out instead.
 */
export function WechatLaunch({
  livingId,
  label,
  replay,
  link,
  onNotWatchable,
  from,
  reservedStart,
}: WechatLaunchProps) {
  const { api, h5Launcher } = useServices();
  const visible = usePageVisible();
  const tagsUnusable = useOpenTagsUnusable();
  const plannedStart = usePlannedStart(reservedStart);
  const fetchTarget = useCallback(
    async (purpose: CodePurpose) => {
      const [, answer] = await Promise.all([
        h5Launcher.sdkReady(),
        h5Launcher.launchTarget(livingId, replay, from, purpose),
      ]);
      return answer;
    },
    // `plannedStart` is not sent: it makes a moved live another target, so a code prepared for the old start goes.
    [h5Launcher, livingId, replay, from, plannedStart],
  );
  const target = useLaunchTarget(tagsUnusable ? undefined : fetchTarget, { visible });
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (isApiError(target.error, 'LIVE_NOT_WATCHABLE')) onNotWatchable?.();
  }, [target.error, onNotWatchable]);

  if (tagsUnusable) {
    return (
      <ActionButton
        label={label}
        disabled
        hint="当前微信版本不能从网页打开直播，请升级微信后再试"
        secondary={{ label: '复制链接', onClick: () => copyLink(link) }}
      />
    );
  }
  if (target.phase === 'error' && isApiError(target.error, 'UPSTREAM_BUSY')) {
    return <WaitingInLine label={label} error={target.error} retryAt={target.retryAt} />;
  }
  if (target.phase === 'error') {
    const code = errorCode(target.error);
    if (code === 'WECHAT_SDK_FAILED' || code === 'LAUNCH_UNAVAILABLE') {
      return (
        <ActionButton
          label={label}
          disabled
          hint={
            code === 'WECHAT_SDK_FAILED' ? '微信暂时无法从网页打开直播，请刷新后再试' : (target.error as Error).message
          }
          secondary={
            code === 'WECHAT_SDK_FAILED'
              ? { label: '刷新', onClick: () => window.location.reload() }
              : { label: '复制链接', onClick: () => copyLink(link) }
          }
        />
      );
    }
    // A sign-in that did not stick: the viewer's retry goes through WeChat's sign-in again.
    const retry = isApiError(target.error, 'SESSION_REQUIRED', 'SESSION_INVALID')
      ? h5Launcher.signIn
      : target.prepareByTap;
    return (
      <ActionButton
        label={label}
        hint={codeErrorHint(target.error)}
        hintTone="error"
        onClick={retry}
        secondary={{ label: '重试', onClick: retry }}
      />
    );
  }
  if (target.phase === 'standby') return <ActionButton label={label} onClick={target.prepareByTap} />;
  if (target.phase !== 'ready' || !target.target) return <ActionButton label={label} loading />;

  const { username, path } = target.target;
  return (
    <ActionButton
      label={target.preparedByTap ? PREPARED_LABEL : label}
      hint={failed ? '没能打开直播，请重试' : undefined}
      hintTone="error"
      overlay={
        // A new tag for a new code: WeChat reads the attributes when it sets a tag up. A new tag that is ready, or
        // a launch, clears an earlier failure; the tag's `error` (`{errMsg: 'launch:fail'}`, or `{}`) shows one.
        <OpenLaunchTag
          key={path}
          username={username}
          path={path}
          onReady={() => setFailed(false)}
          onLaunch={() => {
            setFailed(false);
            // Our funnel's open (the session cookie is the one that got the code); best effort.
            api.beacon(livingId, 'opens', { from }).catch(() => undefined);
          }}
          onError={() => setFailed(true)}
        />
      }
    />
  );
}
