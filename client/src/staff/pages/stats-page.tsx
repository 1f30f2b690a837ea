import { useMemo } from 'react';
import {
  FUNNEL_OTHER_TAGS,
  type FunnelCounts,
  type StaffFunnel,
  type StaffWatchStats,
} from '../../../../shared/staff-api';
import { STATUS_LABEL } from '../../../../shared/live-card-view/labels';
import { ChartCanvas } from '../charts/chart-canvas';
import { TOP_INVITERS, histogramChart, invitersChart, splitChart } from '../charts/stats-charts';
import { Link } from '../components/link';
import { RemindersPanel } from '../components/reminders-panel';
import { Empty, ErrorState, Loading } from '../components/state-views';
import { formatClock, formatDateTime, formatInteger, formatPercent, formatSeconds } from '../format';
import { routeHref } from '../router';
import { useStaff } from '../staff-context';
import { useRequest } from '../use-request';

/**
 * `/staff/lives/:id/stats`: WeCom's numbers for a live (get_watch_stat, aggregated by the BFF) beside our own
 * funnel. Loaded lazily: this module and chart.js are one chunk that only this page fetches.
 */
export default function StatsPage({ livingId }: { livingId: string }) {
  const { api } = useStaff();
  const card = useRequest(() => api.card(livingId), `card:${livingId}`);
  const stats = useRequest(() => api.stats(livingId), `stats:${livingId}`);
  const funnel = useRequest(() => api.funnel(livingId), `funnel:${livingId}`);
  const refresh = () => {
    stats.reload();
    funnel.reload();
  };

  return (
    <main className="page">
      <p className="crumbs">
        <Link href={routeHref({ name: 'lives' })}>直播列表</Link> / 数据
      </p>
      <div className="page__head">
        <div>
          <h1>{card.data?.theme ?? '直播数据'}</h1>
          {card.data && (
            <p className="muted">
              {STATUS_LABEL[card.data.status]} · {formatDateTime(card.data.startsAt)} · 主播 {card.data.anchorUserId}
            </p>
          )}
        </div>
        <div className="page__tools">
          {stats.data && (
            <span className="muted" data-testid="fetched-at">
              数据更新于 {formatClock(stats.data.fetchedAt)}
            </span>
          )}
          <button type="button" className="button" onClick={refresh} disabled={stats.status === 'loading'}>
            {stats.status === 'loading' && stats.data ? '刷新中…' : '刷新'}
          </button>
          <a className="button" href={api.watchersCsvHref(livingId)} download>
            下载观众明细 CSV
          </a>
          <Link className="button" href={routeHref({ name: 'share', livingId })}>
            分享物料
          </Link>
        </div>
      </div>
      {stats.status === 'loading' && !stats.data && <Loading label="正在向企业微信获取观看数据…" />}
      {stats.status === 'error' && <ErrorState error={stats.error} onRetry={stats.reload} title="观看数据加载失败" />}
      {stats.data && stats.data.viewers === 0 && (
        <Empty title="还没有观众">直播开始、有人观看后，这里会显示观看人数、时长和邀请排行。</Empty>
      )}
      {stats.data && stats.data.viewers > 0 && <Audience stats={stats.data} />}
      <section className="panel">
        <h2>我们的转化漏斗</h2>
        {funnel.status === 'loading' && !funnel.data && <Loading />}
        {funnel.status === 'error' && (
          <ErrorState error={funnel.error} onRetry={funnel.reload} title="漏斗数据加载失败" />
        )}
        {funnel.data && <Funnel funnel={funnel.data} wecomViewers={stats.data?.viewers} />}
      </section>
      <RemindersPanel livingId={livingId} />
    </main>
  );
}

function Audience({ stats }: { stats: StaffWatchStats }) {
  const charts = useMemo(
    () => ({ histogram: histogramChart(stats), split: splitChart(stats), inviters: invitersChart(stats) }),
    [stats],
  );
  const external = stats.split.wechat + stats.split.wecomExternal;
  return (
    <>
      <section className="tiles" aria-label="总览">
        <Tile label="观看人数" value={formatInteger(stats.viewers)} />
        <Tile
          label="企业成员 / 外部"
          value={`${formatInteger(stats.split.member)} / ${formatInteger(external)}`}
          note={`外部占 ${formatPercent(external, stats.viewers)}`}
        />
        <Tile label="总观看时长" value={formatSeconds(stats.watchSeconds.total)} />
        <Tile label="观看时长中位数" value={formatSeconds(stats.watchSeconds.median)} />
        <Tile label="观看时长 P90" value={formatSeconds(stats.watchSeconds.p90)} note="九成观众不超过" />
        <Tile label="评论人数" value={formatInteger(stats.commenters)} />
        <Tile label="连麦人数" value={formatInteger(stats.micSpeakers)} />
      </section>
      <div className="grid">
        <section className="panel panel--wide">
          <h2>观看时长分布</h2>
          <ChartCanvas config={charts.histogram} label="观看时长分布柱状图" />
        </section>
        <section className="panel">
          <h2>观众构成</h2>
          <ChartCanvas config={charts.split} label="观众构成环形图" />
        </section>
      </div>
      <section className="panel">
        <h2>邀请排行</h2>
        {stats.inviters.length === 0 ? (
          <Empty title="没有通过邀请进入的观众" />
        ) : (
          <>
            <ChartCanvas config={charts.inviters} label="邀请排行条形图" />
            {stats.inviters.length > TOP_INVITERS && (
              <p className="muted">
                图中为前 {TOP_INVITERS} 名，共 {stats.inviters.length} 位邀请人，完整名单见 CSV。
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}

function Tile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="tile">
      <div className="tile__label">{label}</div>
      <div className="tile__value">{value}</div>
      {note && <div className="tile__note">{note}</div>}
    </div>
  );
}

/** views → taps → opens, for all visits and per campaign tag, beside WeCom's own viewer count. */
function Funnel({ funnel, wecomViewers }: { funnel: StaffFunnel; wecomViewers?: number }) {
  const row = (name: string, counts: FunnelCounts) => (
    <tr key={name}>
      <td>{name}</td>
      <td className="num">{formatInteger(counts.views)}</td>
      <td className="num">
        {formatInteger(counts.taps)} <span className="muted">{formatPercent(counts.taps, counts.views)}</span>
      </td>
      <td className="num">
        {formatInteger(counts.opens)} <span className="muted">{formatPercent(counts.opens, counts.taps)}</span>
      </td>
    </tr>
  );
  return (
    <>
      <div className="funnel">
        <FunnelStep label="打开直播页" value={funnel.total.views} />
        <FunnelStep
          label="点击观看"
          value={funnel.total.taps}
          rate={formatPercent(funnel.total.taps, funnel.total.views)}
        />
        <FunnelStep
          label="进入直播"
          value={funnel.total.opens}
          rate={formatPercent(funnel.total.opens, funnel.total.taps)}
        />
        <div className="funnel__wecom">
          <div className="tile__label">企业微信统计的观看人数</div>
          <div className="tile__value">{wecomViewers === undefined ? '—' : formatInteger(wecomViewers)}</div>
          <div className="tile__note">含从企业微信内直接进入的观众</div>
        </div>
      </div>
      {funnel.byTag.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>渠道标记</th>
                <th className="num">打开直播页</th>
                <th className="num">点击观看</th>
                <th className="num">进入直播</th>
              </tr>
            </thead>
            <tbody>{funnel.byTag.map((tag) => row(tagLabel(tag.from), tag))}</tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The row's name: the tag, or what stands for no tag and for the tags past the per-live cap. */
function tagLabel(from: string): string {
  if (from === FUNNEL_OTHER_TAGS) return '（其他标记：超出每场上限的标记合计）';
  return from || '（无标记）';
}

function FunnelStep({ label, value, rate }: { label: string; value: number; rate?: string }) {
  return (
    <div className="funnel__step">
      <div className="tile__label">{label}</div>
      <div className="tile__value">{formatInteger(value)}</div>
      {rate && <div className="tile__note">转化 {rate}</div>}
    </div>
  );
}
