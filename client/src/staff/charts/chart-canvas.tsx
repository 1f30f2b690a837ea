import { useEffect, useRef } from 'react';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { Chart } from './chart-setup';

/**
 * One chart.js chart on a canvas, made when the component mounts and remade when `config` changes (a refresh);
 * destroyed on unmount so no resize listener outlives the page.
 */
export function ChartCanvas<T extends ChartType>({ config, label }: { config: ChartConfiguration<T>; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
