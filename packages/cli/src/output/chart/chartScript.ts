/**
 * The page's own script: it expands each series' `[row, value]` pairs onto the shared x rows
 * and hands them to uPlot. Rows before a series starts and after a null are null (a gap);
 * rows between two values are undefined, which uPlot steps or draws straight across.
 */
export const CHART_SCRIPT = `
(function () {
  var charts = JSON.parse(document.getElementById('chart-data').textContent);
  function expand(points, n) {
    var ys = new Array(n);
    var current = null;
    var k = 0;
    for (var i = 0; i < n; i++) {
      if (k < points.length && points[k][0] === i) {
        current = points[k][1];
        ys[i] = current;
        k++;
      } else {
        ys[i] = current === null ? null : undefined;
      }
    }
    return ys;
  }
  function price(u, v) { return v == null ? '--' : String(v); }
  function time(u, v) { return v == null ? '--' : new Date(v).toISOString().replace('T', ' ').replace('Z', ''); }
  charts.forEach(function (chart, i) {
    var el = document.getElementById('chart-' + i);
    var data = [chart.x];
    var series = [{ label: 'time (UTC)', value: time }];
    chart.series.forEach(function (s) {
      data.push(expand(s.points, chart.x.length));
      var opts = { label: s.label, stroke: s.color, width: s.width, value: price, points: { show: false } };
      if (s.dash) opts.dash = s.dash;
      if (s.kind === 'step') opts.paths = uPlot.paths.stepped({ align: 1 });
      if (s.kind === 'points') {
        opts.paths = function () { return null; };
        opts.points = { show: true, size: 9, width: 1, stroke: '#111827', fill: s.color };
      }
      series.push(opts);
    });
    var size = function () { return { width: Math.max(400, el.clientWidth), height: 480 }; };
    var plot = new uPlot({
      width: size().width,
      height: size().height,
      ms: 1,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts), 'Etc/UTC'); },
      scales: { x: { time: true } },
      axes: [{}, { size: 80 }],
      cursor: { drag: { x: true, y: true, uni: 50 } },
      series: series
    }, data, el);
    window.addEventListener('resize', function () { plot.setSize(size()); });
  });
})();
`;
