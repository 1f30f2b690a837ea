import { useState } from 'react';
import type { StaffLive } from '../../../../shared/staff-api';
import { mayManageLives } from '../../../../shared/staff-roles';
import { isApiError } from '../../api/api-error';
import { STATUS_LABEL } from '../../../../shared/live-card-view/labels';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Link } from '../components/link';
import { Empty, ErrorState, Loading } from '../components/state-views';
import { formatDateTime, formatInteger } from '../format';
import { TYPE_LABEL } from '../live-type-labels';
import { navigationNotice, routeHref } from '../router';
import { useStaff } from '../staff-context';
import { useRequest } from '../use-request';

type PendingAction = { kind: 'cancel' | 'deleteReplay'; live: StaffLive };

/**
 * Runs a dialog's request; a 409 means the row is stale (the live started, or someone else cancelled it), so the
 * list reloads to show its status now while the dialog shows why.
 */
async function reloadingOnConflict(request: Promise<unknown>, reload: () => void): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (isApiError(error) && error.status === 409) reload();
    throw error;
  }
}

/** Only a reserved live this app created can still be changed or cancelled (WeCom: `living/modify`, `cancel`). */
const manageable = (live: StaffLive) => live.createdByApp && live.status === 'reserved';
/** A ready replay of a live this app created: the only kind WeCom deletes (`living/delete_replay_data`). */
const hasReplay = (live: StaffLive) => live.createdByApp && live.replay === 'ready';

/** `/staff/`: every live staff may open, with its stats and share kit; managers also create and manage. */
export function LivesPage() {
  const { api, me } = useStaff();
  const lives = useRequest(() => api.lives(), 'lives');
  const [pending, setPending] = useState<PendingAction>();
  // Coming back from a saved modify says so; a cancel or a deleted replay on this page says so too.
  const [notice, setNotice] = useState(navigationNotice);
  const isManager = mayManageLives(me.role);

  return (
    <main className="page">
      <div className="page__head">
        <h1>直播列表</h1>
        {isManager && (
          <Link className="button button--primary" href={routeHref({ name: 'create' })}>
            创建预约直播
          </Link>
        )}
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {lives.status === 'loading' && !lives.data && <Loading />}
      {lives.status === 'error' && <ErrorState error={lives.error} onRetry={lives.reload} />}
      {lives.data && lives.data.lives.length === 0 && (
        <Empty title="还没有直播">
          {isManager ? '点「创建预约直播」预约第一场。' : '管理员创建直播后会出现在这里。'}
        </Empty>
      )}
      {lives.data && lives.data.lives.length > 0 && (
        <table className="table lives">
          <thead>
            <tr>
              <th>主题</th>
              <th>状态</th>
              <th>开播时间</th>
              <th>主播</th>
              <th className="num">观看</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {lives.data.lives.map((live) => (
              <tr key={live.livingId} data-living-id={live.livingId}>
                <td>
                  <div className="lives__theme">{live.theme}</div>
                  <div className="muted">{TYPE_LABEL[live.type]}</div>
                </td>
                <td>
                  <span className={`badge badge--${live.status}`}>{STATUS_LABEL[live.status]}</span>
                </td>
                <td data-label="开播">{formatDateTime(live.startsAt)}</td>
                <td data-label="主播">{live.anchorUserId}</td>
                <td className="num" data-label="观看">
                  {formatInteger(live.viewerCount)}
                </td>
                <td>
                  <div className="lives__actions">
                    <Link href={routeHref({ name: 'stats', livingId: live.livingId })}>数据</Link>
                    <Link href={routeHref({ name: 'share', livingId: live.livingId })}>分享</Link>
                    {isManager && manageable(live) && (
                      <>
                        <Link href={routeHref({ name: 'edit', livingId: live.livingId })}>修改</Link>
                        <button
                          type="button"
                          className="link-button link-button--danger"
                          onClick={() => setPending({ kind: 'cancel', live })}
                        >
                          取消直播
                        </button>
                      </>
                    )}
                    {isManager && hasReplay(live) && (
                      <button
                        type="button"
                        className="link-button link-button--danger"
                        onClick={() => setPending({ kind: 'deleteReplay', live })}
                      >
                        删除回放
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isManager && <p className="muted footnote">只能修改或取消本应用创建、尚未开播的直播；开播后无法取消。</p>}
      {pending?.kind === 'cancel' && (
        <ConfirmDialog
          title="取消这场直播？"
          acknowledgement="我确认取消这场直播"
          confirmLabel="取消直播"
          onClose={() => setPending(undefined)}
          onConfirm={async () => {
            await reloadingOnConflict(api.cancelLive(pending.live.livingId), lives.reload);
            setPending(undefined);
            setNotice(`已取消「${pending.live.theme}」`);
            lives.reload();
          }}
        >
          <p>
            「{pending.live.theme}」（{formatDateTime(pending.live.startsAt)}{' '}
            开播）将被取消，已预约的观众会看到直播已取消。
          </p>
          <p className="muted">只能在开播前取消；取消后不能恢复。</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'deleteReplay' && (
        <ConfirmDialog
          title="删除这场直播的回放？"
          acknowledgement="我确认删除回放，观众将无法再观看"
          confirmLabel="删除回放"
          onClose={() => setPending(undefined)}
          onConfirm={async () => {
            await reloadingOnConflict(api.deleteReplay(pending.live.livingId), lives.reload);
            setPending(undefined);
            setNotice(`已删除「${pending.live.theme}」的回放`);
            lives.reload();
          }}
        >
          <p>「{pending.live.theme}」的回放将从企业微信删除，分享出去的回放链接也会失效。</p>
          <p className="muted">删除后不能恢复。</p>
        </ConfirmDialog>
      )}
    </main>
  );
}
