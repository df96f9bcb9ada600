import type { ReportFormats } from './html-format';

/** One row of an interval chart: an estimate with its 95% interval. */
export interface IntervalRow {
  /** What the row is: an arm, or an arm and a metric. */
  label: string;
  estimate: number;
  low: number;
  high: number;
  /** How to colour it: the baseline, above or below zero with the whole interval, or neither. */
  tone: 'baseline' | 'better' | 'worse' | 'unclear' | 'arm';
}

/** What an interval chart shows. */
export interface IntervalChart {
  rows: IntervalRow[];
  /** The x-axis title. */
  axis: string;
  /** How the x-axis numbers are written. */
  unit: 'rate' | 'money' | 'change';
  /** Draw the line of no change (lifts). */
  zeroLine?: boolean;
}

const TONES = { baseline: '#57606a', arm: '#0a58ca', better: '#1a7f37', worse: '#cf222e', unclear: '#57606a' };
const TEXT = '#1f2328';

let current: ReportFormats | null = null;

/**
 * An interval chart as static SVG: a dot per row at its estimate and a whisker for its 95%
 * interval, drawn by Vega-Lite and rendered by Vega in Node, so the HTML needs no script to show
 * it. Vega is loaded only here, when an HTML report is asked for. Axis numbers are written by
 * `formats` (Intl, in the report's locale). Renders one chart at a time.
 */
export async function renderIntervalChart(chart: IntervalChart, formats: ReportFormats): Promise<string> {
  return renderSpec(toSpec(chart), formats);
}

/** One bar of a bar chart: a share (0–1) with its label. */
export interface BarRow {
  label: string;
  share: number;
}

/** A horizontal bar per row, its length the share (axis 0–100%), in the rows' order; static SVG as above. */
export async function renderBarChart(rows: BarRow[], axis: string, formats: ReportFormats): Promise<string> {
  return renderSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 440,
    height: { step: 30 },
    data: { values: rows },
    config: CONFIG,
    mark: { type: 'bar', color: TONES.arm },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
      x: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, title: axis, axis: { labelExpr: "segmintFormat(datum.value, 'rate')", tickCount: 5 } },
    },
  }, formats);
}

async function renderSpec(spec: object, formats: ReportFormats): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Vega writes axis labels with d3-format; this hands them to Intl instead.
  vega.expressionFunction('segmintFormat', (value: number, unit: IntervalChart['unit']) =>
    current ? (unit === 'money' ? current.money(value) : unit === 'change' ? current.change(value) : current.rate(value)) : String(value));
  current = formats;
  try {
    const view = new vega.View(vega.parse(vegaLite.compile(spec as never).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    // The page labels each chart as one image (its figure's role="img"): Vega's own roles for
    // groups of marks would make screen readers walk through shapes without meaning.
    return svg.replace(/\s(role|aria-[a-z]+)="[^"]*"/g, '').replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
  } finally {
    current = null;
  }
}

const CONFIG = {
  aria: false,
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', domainColor: '#8c959f', tickColor: '#8c959f', gridColor: '#d8dee4' },
};

function toSpec(chart: IntervalChart): object {
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } };
  const x = { type: 'quantitative', scale: { zero: true, nice: true } };
  const color = { field: 'tone', type: 'nominal', scale: { domain: Object.keys(TONES), range: Object.values(TONES) }, legend: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 440,
    height: { step: 30 },
    data: { values: chart.rows },
    config: CONFIG,
    layer: [
      ...(chart.zeroLine ? [{ mark: { type: 'rule', color: TEXT, strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } }] : []),
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y,
          x: { ...x, field: 'low', title: chart.axis, axis: { labelExpr: `segmintFormat(datum.value, '${chart.unit}')`, tickCount: 6 } },
          x2: { field: 'high' },
          color,
        },
      },
      { mark: { type: 'tick', thickness: 2, size: 12 }, encoding: { y, x: { ...x, field: 'low' }, color } },
      { mark: { type: 'tick', thickness: 2, size: 12 }, encoding: { y, x: { ...x, field: 'high' }, color } },
      { mark: { type: 'point', filled: true, size: 80, opacity: 1 }, encoding: { y, x: { ...x, field: 'estimate' }, color } },
    ],
  };
}
