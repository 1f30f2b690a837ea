import type { ChartConfiguration } from 'chart.js';
import type { StaffWatchStats } from '../../../../shared/staff-api';
import { formatSeconds } from '../format';

const GREEN = '#07c160';
const BLUE = '#1677ff';
const ORANGE = '#ff8f1f';
const GRID = '#eef0f3';

/** The inviters chart shows the ten who brought most viewers; the table below it can say the rest. */
export const TOP_INVITERS = 10;
/** Below this width (a phone) the inviters' names are shortened to {@link SHORT_LABEL} characters. */
const NARROW_CHART = 480;
const SHORT_LABEL = 14;

/** How many viewers watched how long (the BFF's buckets, in its order). */
export function histogramChart(stats: StaffWatchStats): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: stats.histogram.map((bucket) => bucket.label),
      datasets: [
        { label: '观众数', data: stats.histogram.map((b) => b.viewers), backgroundColor: GREEN, borderRadius: 4 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: {
        x: { grid: { display: false }, title: { display: true, text: '观看时长' } },
        y: {
          beginAtZero: true,
          grid: { color: GRID },
          ticks: { precision: 0 },
          title: { display: true, text: '观众数' },
        },
      },
    },
  };
}

/** Members of the corp, WeChat users, and WeCom users of other corps. */
export function splitChart(stats: StaffWatchStats): ChartConfiguration<'doughnut'> {
  return {
    type: 'doughnut',
    data: {
      labels: ['企业成员', '微信用户', '其他企业微信用户'],
      datasets: [
        {
          data: [stats.split.member, stats.split.wechat, stats.split.wecomExternal],
          backgroundColor: [BLUE, GREEN, ORANGE],
          borderWidth: 2,
          borderColor: '#fff',
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      cutout: '60%',
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

/** Who brought the most viewers (horizontal bars), with their viewers' watch time in the tooltip. */
export function invitersChart(stats: StaffWatchStats): ChartConfiguration<'bar'> {
  const top = stats.inviters.slice(0, TOP_INVITERS);
  return {
    type: 'bar',
    data: {
      labels: top.map((row) => row.inviter),
      datasets: [{ label: '邀请观众数', data: top.map((row) => row.viewers), backgroundColor: BLUE, borderRadius: 4 }],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            afterLabel: (item) => `观看时长合计 ${formatSeconds(top[item.dataIndex]?.watchSeconds ?? 0)}`,
          },
        },
      },
      scales: {
        x: { beginAtZero: true, grid: { color: GRID }, ticks: { precision: 0 } },
        y: {
          grid: { display: false },
          // On a phone a long inviter (an external user's id) would push the bars aside or be cut at the edge:
          // shortened there, whole in the tooltip.
          ticks: {
            callback(value) {
              const label = this.getLabelForValue(Number(value));
              return this.chart.width < NARROW_CHART && label.length > SHORT_LABEL
                ? `${label.slice(0, SHORT_LABEL - 1)}…`
                : label;
            },
          },
        },
      },
    },
  };
}
