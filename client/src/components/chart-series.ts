/** Kept apart from UsageChart so pages can shape chart data without loading uPlot. */
export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
}

export const SERIES_COLORS = ['#4f46e5', '#0d9488', '#f59e0b', '#e11d48', '#0284c7', '#7c3aed', '#65a30d', '#db2777'];
