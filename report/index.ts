/** Public surface of report/: SVG charts (bars, lines, histograms) and the demo's HTML report. */
export { niceStep, linearTicks, logTicks, formatLinear, formatPower } from './ticks.js';
export type { Ticks } from './ticks.js';
export { barChartSvg, svgFile } from './bar-chart.js';
export type { BarChart, BarSeries } from './bar-chart.js';
export { lineChartSvg } from './line-chart.js';
export type { AxisScale, LineChart, LineSeries } from './line-chart.js';
export { histogramBars, histogramSvg, OTHER } from './histogram.js';
export type { HistogramBars, HistogramOptions } from './histogram.js';
export { scalingData, sweepSizes } from './scaling.js';
export type { ScalingData, ScalingOptions } from './scaling.js';
export { buildDemoReport, demoReportHtml } from './demo-report.js';
export type { DemoReportOptions } from './demo-report.js';
