import { useEffect } from 'react';
import type { StaffReminderStats } from '../../../../shared/staff-api';
import { formatInteger, formatPercent } from '../format';
import { reminderFailureLabel } from '../reminder-failure-labels';
import { useStaff } from '../staff-context';
import { useRequest } from '../use-request';
import { Empty, ErrorState, Loading } from './state-views';

/** While reminders go out, the panel asks again this often, so the progress moves without a click. */
export const REMINDERS_REFRESH_MS = 3_000;

/**
 * A live's 开播提醒: how many viewers asked to be reminded, how many messages wait, went out or were given up (by
 * WeChat's reason), and — from the moment the start is seen until the queue is empty — the progress, refreshed every
 * {@link REMINDERS_REFRESH_MS}.
 */
export function RemindersPanel({ livingId }: { livingId: string }) {
  const { api } = useStaff();
  const reminders = useRequest(() => api.reminders(livingId), `reminders:${livingId}`);
  const { data, reload } = reminders;

  useEffect(() => {
    // Scheduled from each answer (a new object), so the next ask waits for the last one: a slow BFF is never asked
    // twice at once. A failed ask stops it; the error's retry starts it again.
    if (data?.sending !== true) return;
    const timer = setTimeout(reload, REMINDERS_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [data, reload]);

  return (
    <section className="panel" aria-labelledby="reminders-title">
      <h2 id="reminders-title">开播提醒</h2>
      {reminders.status === 'loading' && !reminders.data && <Loading />}
      {reminders.status === 'error' && (
        <ErrorState error={reminders.error} onRetry={reminders.reload} title="开播提醒数据加载失败" />
      )}
      {reminders.data && <Reminders stats={reminders.data} />}
    </section>
  );
}

function Reminders({ stats }: { stats: StaffReminderStats }) {
  if (stats.subscribers === 0) {
    return (
      <Empty title="还没有观众预约开播提醒">观众在直播页点「开播提醒我」并同意微信的提示后，这里会显示人数。</Empty>
    );
  }
  const failed = stats.failed.reduce((sum, row) => sum + row.count, 0);
  const done = stats.sent + failed;
  return (
    <>
      <div className="tiles" role="group" aria-label="开播提醒总览">
        <Tile label="预约人数" value={stats.subscribers} />
        <Tile label="待发送" value={stats.pending} />
        <Tile label="已发送" value={stats.sent} />
        <Tile label="发送失败" value={failed} />
      </div>
      {stats.sending && (
        <div className="reminders__progress">
          <label htmlFor="reminders-progress">
            正在发送：{formatInteger(done)} / {formatInteger(stats.subscribers)}（
            {formatPercent(done, stats.subscribers)}）
          </label>
          <progress id="reminders-progress" max={stats.subscribers} value={done} />
        </div>
      )}
      {stats.failed.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>失败原因</th>
                <th className="num">条数</th>
              </tr>
            </thead>
            <tbody>
              {stats.failed.map((row) => (
                <tr key={row.reason}>
                  <td>{reminderFailureLabel(row.reason)}</td>
                  <td className="num">{formatInteger(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Tile({ label, value }: { label: string; value: number }) {
  return (
    <div className="tile">
      <div className="tile__label">{label}</div>
      <div className="tile__value">{formatInteger(value)}</div>
    </div>
  );
}
