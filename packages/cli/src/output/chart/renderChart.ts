import { readFileSync } from 'node:fs';
import { orderTracks, type OrderTrack, type Tick } from '@smart-orders/core';
import type { StoredEvent } from '@smart-orders/engine';
import { fixedText, numberText } from '../numberText';
import { stopText } from '../stopText';
import { CHART_SCRIPT } from './chartScript';
import { symbolChart } from './symbolChart';

export interface ChartInput {
  readonly ticks: readonly Tick[];
  readonly events: readonly StoredEvent[];
  readonly title: string;
}

/** uPlot is inlined, not linked, so that the page opens offline and from an attachment. */
const uPlotAsset = (file: string): string =>
  readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** JSON inside a script element must never contain `</script>`. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const ordersTable = (tracks: readonly OrderTrack[]): string => {
  if (tracks.length === 0) return '<p>No orders.</p>';
  const header = [
    'order',
    'symbol',
    'side',
    'quantity',
    'status',
    'TP',
    'entry',
    'realised P&amp;L',
    'stop',
    'fills',
  ];
  const rows = tracks.map(({ view, fills }) =>
    [
      view.orderId,
      view.symbol,
      view.side,
      numberText(view.quantity),
      view.status,
      view.progress,
      view.entryPrice === null ? '—' : numberText(view.entryPrice),
      fixedText(view.realisedPnl, 2),
      stopText(view),
      String(fills.length),
    ]
      .map((cell, i) => `<td${i === 3 || i >= 5 ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`)
      .join(''),
  );
  return `<table class="orders"><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r}</tr>`)
    .join('')}</tbody></table>`;
};

const STYLE = `
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 16px 24px; color: #111827; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
.meta, .key { color: #4b5563; font-size: 13px; }
.key span { display: inline-block; margin-right: 14px; }
.key i { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 4px; }
table.orders { border-collapse: collapse; font-size: 13px; margin-top: 8px; }
table.orders th, table.orders td { border-bottom: 1px solid #e5e7eb; padding: 4px 10px; text-align: left; }
table.orders td.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart { width: 100%; }
`;

const KEY = `<p class="key">
<span><i style="background:#6b7280"></i>last price</span><span><i style="background:#60a5fa"></i>bid</span><span><i style="background:#f87171"></i>ask</span>
<span><i style="background:#2563eb"></i>entry (dashed: pending limit)</span><span><i style="background:#16a34a"></i>TP level while pending</span>
<span><i style="background:#dc2626"></i>stop</span><span><i style="background:#ea580c"></i>trailing stop</span>
<span>● fills: entry, TP, stop, flatten</span> — drag to zoom, double-click to reset, click a legend entry to hide it.</p>`;

/**
 * A self-contained HTML page: per symbol, the recorded prices (downsampled, spikes kept) with
 * every order's entry, TP levels, stop and trailing stop as they moved, and its fills marked;
 * then one row per order.
 */
export const renderChart = ({ ticks, events, title }: ChartInput): string => {
  const tracks = orderTracks(events);
  const symbols = [...new Set([...ticks.map((t) => t.symbol), ...tracks.map((t) => t.symbol)])];
  const charts = symbols.map((symbol) =>
    symbolChart(
      symbol,
      ticks.filter((t) => t.symbol === symbol),
      tracks.filter((t) => t.symbol === symbol),
    ),
  );
  const sections = charts
    .map(
      (c, i) =>
        `<section><h2>${escapeHtml(c.symbol)}</h2><div class="chart" id="chart-${i}"></div></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${uPlotAsset('uPlot.min.css')}</style>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${ticks.length} ticks, ${tracks.length} orders, ${events.length} events. Times in UTC.</p>
${KEY}
${sections}
<h2>Orders</h2>
${ordersTable(tracks)}
<script>${uPlotAsset('uPlot.iife.min.js')}</script>
<script type="application/json" id="chart-data">${scriptJson(charts)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
};
