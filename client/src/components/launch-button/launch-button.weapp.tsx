import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { CodePurpose } from '../../../../shared/api';
import { isApiError } from '../../api/api-error';
import { usePageVisible } from '../../hooks/page-visibility';
import { launchTargetAnswer } from '../../launch/launch-target-answer';
import { useLaunchTarget } from '../../launch/use-launch-target';
import { usePlannedStart } from '../../launch/use-planned-start';
import { useServices } from '../../services';
import { ActionButton } from '../action-button';
import { codeErrorHint, isUserCancel, PREPARED_LABEL } from './launch-messages';
import type { LaunchButtonProps } from './types';
import { WaitingInLine } from './waiting-in-line';

/**
 * Mini program: the living code is fetched (with silent login) as soon as the button shows and kept fresh while
 * WeCom's budget allows, so the tap only calls `navigateToMiniProgram` with exactly the BFF's `launch.appId` and
 * `launch.path`. Without a usable code the tap asks for one, and the button then asks for one more tap
 * ({@link PREPARED_LABEL}): `navigateToMiniProgram` works only inside a tap.
 */
export default function LaunchButton({ livingId, action, onNotWatchable, from, reservedStart }: LaunchButtonProps) {
  const { api, weappSession } = useServices();
  const visible = usePageVisible();
  const replay = action.enabled && action.replay;
  const plannedStart = usePlannedStart(reservedStart);
  const fetchTarget = useCallback(
    async (purpose: CodePurpose) => {
      const code = await weappSession.withToken((token) => api.livingCode(livingId, { replay, from, token, purpose }));
      return launchTargetAnswer(code);
    },
    // `plannedStart` is not sent: it makes a moved live another target, so a code prepared for the old start goes.
    [api, weappSession, livingId, replay, from, plannedStart],
  );
  const target = useLaunchTarget(action.enabled ? fetchTarget : undefined, { visible });
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (isApiError(target.error, 'LIVE_NOT_WATCHABLE')) onNotWatchable?.();
  }, [target.error, onNotWatchable]);

  if (!action.enabled) return <ActionButton label={action.label} disabled hint={action.hint} />;
  if (target.phase === 'error' && isApiError(target.error, 'UPSTREAM_BUSY')) {
    return <WaitingInLine label={action.label} error={target.error} retryAt={target.retryAt} />;
  }
  if (target.phase === 'error') {
    return (
      <ActionButton
        label="重新获取"
        hint={codeErrorHint(target.error)}
        hintTone="error"
        onClick={target.prepareByTap}
      />
    );
  }
  if (target.phase === 'standby') return <ActionButton label={action.label} onClick={target.prepareByTap} />;
  if (target.phase !== 'ready') return <ActionButton label={action.label} loading />;

  const launch = () => {
    const launchTarget = target.take();
    if (!launchTarget) return;
    setFailed(false);
    Taro.navigateToMiniProgram({ appId: launchTarget.appId, path: launchTarget.path }).then(
      // Our funnel's open: best effort, with the session that got the code.
      () => weappSession.withToken((token) => api.beacon(livingId, 'opens', { from }, token)).catch(() => undefined),
      (error: unknown) => {
        if (!isUserCancel(error)) setFailed(true);
      },
    );
  };
  return failed ? (
    <ActionButton label="重试" hint="没能打开直播，请重试" hintTone="error" onClick={launch} />
  ) : (
    <ActionButton label={target.preparedByTap ? PREPARED_LABEL : action.label} onClick={launch} />
  );
}
