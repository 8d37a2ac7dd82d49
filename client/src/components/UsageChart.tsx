/**
 * Token usage over time, drawn with uPlot.
 *
 * Why uPlot: it is small (about 50 KB minified, no dependencies), draws
 * thousands of points on a canvas quickly, is built for time series first
 * (time axes, aligned data, live legend on hover), and is bundled with the
 * console, so nothing is downloaded at run time. Chart.js and ECharts are
 * several times larger and general-purpose; the console only draws lines over days.
 */
import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from './chart-series.ts';
import { useI18n } from '../i18n/index.tsx';

export interface UsageChartProps {
  /** YYYY-MM-DD, one per point, ascending */
  days: string[];
  series: ChartSeries[];
  label: string;
  height?: number;
}

const dayToSeconds = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000;
};

export function UsageChart(props: UsageChartProps) {
  const { locale, compact, num, t } = useI18n();
  let host!: HTMLDivElement;
  let chart: uPlot | undefined;

  const build = () => {
    chart?.destroy();
    const dayFormat = new Intl.DateTimeFormat(locale(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const fullFormat = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' });
    const axis = {
      stroke: '#64748b',
      grid: { stroke: '#eef2f7', width: 1 },
      ticks: { stroke: '#e2e8f0', width: 1 },
      font: '12px system-ui, sans-serif',
    };
    const xs = props.days.map(dayToSeconds);
    const options: uPlot.Options = {
      width: Math.max(280, host.clientWidth),
      height: props.height ?? 300,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { points: { size: 8 }, drag: { x: false, y: false } },
      legend: { live: true },
      scales: {
        // A single day would otherwise be stretched over an auto-chosen span of months.
        x: { time: true, range: (_u, min, max) => (min === max ? [min - 43_200, max + 43_200] : [min, max]) },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 10] },
      },
      axes: [
        {
          ...axis,
          space: 70,
          // Few days: one tick per day, never the same day twice at hourly ticks.
          splits: xs.length <= 7 ? () => xs : undefined,
          values: (_u, splits) => splits.map((s) => dayFormat.format(new Date(s * 1000))),
        },
        { ...axis, size: 60, values: (_u, splits) => splits.map((s) => compact(s)) },
      ],
      series: [
        { label: t('usage.day'), value: (_u, v) => (v == null ? '' : fullFormat.format(new Date(v * 1000))) },
        ...props.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: `${s.color}1a`,
          points: { show: props.days.length <= 45, size: 5, fill: '#fff' },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : num(v)),
        })),
      ],
    };
    const data: uPlot.AlignedData = [xs, ...props.series.map((s) => s.values)];
    chart = new uPlot(options, data, host);
  };

  onMount(() => {
    const observer = new ResizeObserver(() => {
      if (chart && host.clientWidth && Math.abs(chart.width - host.clientWidth) > 1) chart.setSize({ width: host.clientWidth, height: props.height ?? 300 });
    });
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });
  // Rebuild when the data, series or language change; uPlot has no cheaper way to change series.
  createEffect(() => {
    void props.days;
    void props.series;
    void locale();
    build();
  });
  onCleanup(() => chart?.destroy());

  return <div ref={host} class="usage-chart" role="img" aria-label={props.label} data-testid="usage-chart" />;
}
