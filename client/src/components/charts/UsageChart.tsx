/**
 * Token usage per day, week or month, drawn with uPlot.
 *
 * Why uPlot: it is small (about 50 KB minified, no dependencies), draws
 * thousands of points on a canvas quickly, is built for time series first
 * (time axes, aligned data), and is bundled with the console, so nothing is
 * downloaded at run time. Chart.js and ECharts are several times larger and
 * general-purpose.
 *
 * Totals per bucket are bars, stacked by series (a line between two days would
 * invent a ramp that never happened). The legend is ours, under the chart: each
 * series with its total over the range, or its value on the day under the cursor.
 */
import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../../i18n/index.tsx';
import { stackValues, type ChartSeries } from './chart-series.ts';
import './UsageChart.css';

export interface UsageChartProps {
  /** YYYY-MM-DD, the start of each bucket, ascending */
  days: string[];
  /** In legend order; stacked bottom to top in this order. */
  series: ChartSeries[];
  label: string;
  height?: number;
  /** Bars (default) for bucketed totals; lines for many points that are not totals. */
  kind?: 'bars' | 'lines';
  /** Stack the bars (default). */
  stacked?: boolean;
}

const dayToSeconds = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000;
};

export function UsageChart(props: UsageChartProps) {
  const { locale, compact, num, date, t } = useI18n();
  const [cursor, setCursor] = createSignal<number | null>(null);
  let host!: HTMLDivElement;
  let chart: uPlot | undefined;
  const bars = () => (props.kind ?? 'bars') === 'bars';
  const stacked = () => bars() && props.stacked !== false;

  const build = () => {
    chart?.destroy();
    setCursor(null);
    const dayFormat = new Intl.DateTimeFormat(locale(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const axis = {
      stroke: '#64748b',
      grid: { stroke: '#eef2f7', width: 1 },
      ticks: { stroke: '#e2e8f0', width: 1 },
      font: '12px system-ui, sans-serif',
    };
    const xs = props.days.map(dayToSeconds);
    const heights = stacked() ? stackValues(props.series) : props.series.map((s) => s.values);
    // Drawn top of the stack first, so each lower bar paints over the one above it.
    const order = props.series.map((_, i) => i).reverse();
    const barPaths = uPlot.paths.bars!({ size: [0.72, 56], gap: 1 });
    const max = Math.max(0, ...heights.flat());
    const options: uPlot.Options = {
      width: Math.max(280, host.clientWidth),
      height: props.height ?? 300,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { points: { show: !bars() }, drag: { x: false, y: false } },
      legend: { show: false },
      scales: {
        // Half a bucket of room either side, so the first and last bars are whole.
        x: {
          time: true,
          range: (_u, min, max) => {
            const step = xs.length > 1 ? (xs[xs.length - 1] - xs[0]) / (xs.length - 1) : 86_400;
            return [min - step / 2, max + step / 2];
          },
        },
        y: { range: () => [0, max > 0 ? max * 1.1 : 10] },
      },
      axes: [
        {
          ...axis,
          space: 70,
          // Few buckets: one tick each, never the same day twice at hourly ticks.
          splits: xs.length <= 10 ? () => xs : undefined,
          values: (_u, splits) => splits.map((s) => dayFormat.format(new Date(s * 1000))),
        },
        { ...axis, size: 64, values: (_u, splits) => splits.map((s) => compact(s)) },
      ],
      series: [
        {},
        ...order.map((i) => {
          const s = props.series[i];
          return bars()
            ? { label: s.label, stroke: s.color, fill: s.color, width: 0, paths: barPaths, points: { show: false } }
            : { label: s.label, stroke: s.color, width: 2, fill: `${s.color}14`, points: { show: props.days.length <= 45, size: 5, fill: '#fff' } };
        }),
      ],
      hooks: { setCursor: [(u) => setCursor(u.cursor.idx ?? null)] },
    };
    const data: uPlot.AlignedData = [xs, ...order.map((i) => heights[i])];
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
    void props.kind;
    void locale();
    build();
  });
  onCleanup(() => chart?.destroy());

  const value = (s: ChartSeries) => {
    const i = cursor();
    return i === null ? s.total : (s.values[i] ?? 0);
  };
  return (
    <figure class="usage-chart-figure">
      <div ref={host} class="usage-chart" role="img" aria-label={props.label} data-testid="usage-chart" />
      <Show when={props.series.length}>
        <figcaption class="chart-legend" data-testid="chart-legend">
          <span class="chart-legend-when">{cursor() === null ? t('chart.total') : date(props.days[cursor()!])}</span>
          <For each={props.series}>
            {(s) => (
              <span class="chart-legend-item" data-series={s.label}>
                <span class="chart-legend-swatch" style={{ background: s.color }} aria-hidden="true" />
                <span class="chart-legend-label" translate={s.data ? 'no' : undefined}>
                  {s.label}
                </span>
                <span class="chart-legend-value">{num(value(s))}</span>
              </span>
            )}
          </For>
        </figcaption>
      </Show>
    </figure>
  );
}
