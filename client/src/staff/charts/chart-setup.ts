import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

/**
 * chart.js with only what the stats page draws: bars (histogram, inviters), a doughnut (audience split), their
 * scales, tooltips and legend. Registering piece by piece (not `chart.js/auto`) lets the bundler leave the other
 * controllers, elements and scales out of the stats chunk.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Tooltip, Legend);
Chart.defaults.font.family =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";
Chart.defaults.color = '#4e5969';

export { Chart };
