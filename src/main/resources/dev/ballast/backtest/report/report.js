// Draws the backtest report's charts with uPlot (inlined above this script) from the JSON in #chart-specs, and wires
// the legend toggles, strategy/measure lists, column toggles and PNG buttons. Everything here runs offline.
// window.ballastCharts maps chart id to its uPlot instance; window.ballastLabels holds the frontier labels drawn.
(function () {
  'use strict';
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#bcbd22', '#7f7f7f'];
  const specs = JSON.parse(document.getElementById('chart-specs').textContent);
  window.ballastCharts = {};
  window.ballastLabels = {};

  function fmt(v) {
    if (v == null || !isFinite(v)) return '–';
    const a = Math.abs(v);
    if (a >= 10000) return v.toLocaleString('en', {maximumFractionDigits: 0});
    if (a !== 0 && a < 0.001) return v.toExponential(2);
    return String(+v.toPrecision(4));
  }

  function width(el) {
    return Math.max(320, Math.min(el.clientWidth || 900, 1320));
  }

  function seriesOpts(spec, s, i) {
    const colour = s.band ? '#555' : s.label.startsWith('continuously rebalanced') ? '#000' : PALETTE[i % PALETTE.length];
    return {label: s.label, stroke: colour, width: s.dash ? 1.5 : 1.25, dash: s.dash ? [6, 4] : undefined,
      show: s.show, spanGaps: false, value: (u, v) => fmt(v) + spec.unit};
  }

  function axes(spec) {
    return [{}, {values: (u, vals) => vals.map(v => fmt(v) + spec.unit), size: 64}];
  }

  function timeChart(spec, el) {
    const opts = {width: width(el), height: 340, series: [{}].concat(spec.series.map((s, i) => seriesOpts(spec, s, i))),
      axes: axes(spec), scales: {x: {time: true}}};
    return new uPlot(opts, [spec.x].concat(spec.series.map(s => s.values)), el);
  }

  // One chart per list entry: the entries share their series labels (the assets), so switching only swaps the data.
  function listChart(spec, el, entries, makeOpts, dataOf) {
    const select = document.createElement('select');
    select.setAttribute('aria-label', spec.title);
    entries.forEach((e, i) => select.add(new Option(e.name, i)));
    el.before(select);
    const u = new uPlot(makeOpts(entries[0]), dataOf(entries[0]), el);
    select.addEventListener('change', () => u.setData(dataOf(entries[+select.value])));
    return u;
  }

  function weightsChart(spec, el) {
    return listChart(spec, el, spec.strategies, first => ({width: width(el), height: 300,
      series: [{}].concat(first.series.map((s, i) => seriesOpts(spec, s, i))), axes: axes(spec),
      scales: {x: {time: true}, y: {range: [0, 100]}}}), e => [spec.x].concat(e.series.map(s => s.values)));
  }

  function histogramChart(spec, el) {
    return listChart(spec, el, spec.distributions, () => ({width: width(el), height: 280,
      series: [{value: (u, v) => fmt(v)}, {label: 'paths', stroke: PALETTE[0], fill: PALETTE[0] + '66',
        paths: uPlot.paths.bars({size: [0.92, 80]}), points: {show: false}}],
      axes: [{values: (u, vals) => vals.map(fmt)}, {size: 56}], scales: {x: {time: false}}}), e => [e.x, e.counts]);
  }

  // Not-dominated groups are labelled where a label fits inside the plot without covering another; every point,
  // labelled or not, is named under the chart when the cursor is near it.
  function frontierChart(spec, el) {
    const pts = spec.points;
    const xs = pts.map(p => p.x);
    const front = pts.map(p => p.dominated ? null : p.y);
    const dominated = pts.map(p => p.dominated ? p.y : null);
    const hover = document.createElement('div');
    hover.className = 'hover';
    hover.textContent = 'Hover a point for its settings.';
    const labels = [];
    window.ballastLabels[spec.id] = labels;
    function drawLabels(u) {
      const ctx = u.ctx, dpr = devicePixelRatio || 1, box = u.bbox;
      labels.length = 0;
      ctx.save();
      ctx.font = `${11 * dpr}px sans-serif`;
      ctx.fillStyle = '#222';
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left'; // uPlot leaves the y axis' right alignment set
      const taken = [];
      pts.forEach((p, i) => {
        if (p.dominated) return;
        const px = u.valToPos(p.x, 'x', true), py = u.valToPos(p.y, 'y', true);
        const w = ctx.measureText(p.label).width, h = 13 * dpr, gap = 6 * dpr;
        let x0 = px + gap;
        if (x0 + w > box.left + box.width) x0 = px - gap - w;
        x0 = Math.max(box.left, Math.min(x0, box.left + box.width - w));
        let y0 = Math.max(box.top, Math.min(py - h / 2, box.top + box.height - h));
        const r = {x0, y0, x1: x0 + w, y1: y0 + h};
        if (taken.some(t => r.x0 < t.x1 && t.x0 < r.x1 && r.y0 < t.y1 && t.y0 < r.y1)) return;
        taken.push(r);
        ctx.fillText(p.label, x0, y0 + h / 2);
        labels.push({text: p.label, x0: r.x0 / dpr, y0: r.y0 / dpr, x1: r.x1 / dpr, y1: r.y1 / dpr,
          plot: {left: box.left / dpr, top: box.top / dpr, right: (box.left + box.width) / dpr,
            bottom: (box.top + box.height) / dpr}});
      });
      ctx.restore();
    }
    const opts = {width: width(el), height: 420, scales: {x: {time: false}},
      series: [{label: 'turnover', value: (u, v) => fmt(v) + '%'},
        {label: 'not dominated', stroke: PALETTE[0], width: 1, spanGaps: true, points: {show: true, size: 8, fill: PALETTE[0]},
          value: (u, v) => fmt(v) + '%'},
        {label: 'dominated', stroke: '#999', paths: () => null, points: {show: true, size: 6, fill: '#ddd'},
          value: (u, v) => fmt(v) + '%'}],
      axes: [{label: 'turnover %/yr', values: (u, vals) => vals.map(v => fmt(v) + '%')},
        {label: 'tracking error %', values: (u, vals) => vals.map(v => fmt(v) + '%'), size: 64}],
      hooks: {draw: [drawLabels], setCursor: [u => {
        const i = u.cursor.idx;
        if (i != null) hover.textContent = `${pts[i].names.join(', ')}: turnover ${fmt(pts[i].x)}%, tracking error ${fmt(pts[i].y)}%`;
      }]}};
    const u = new uPlot(opts, [xs, front, dominated], el);
    el.after(hover);
    return u;
  }

  // The canvas holds the plot; the PNG adds a white background and the chart's title (the legend is HTML).
  function pngButton(spec, el, u) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = 'PNG';
    b.title = 'Download this chart as a PNG image';
    b.addEventListener('click', () => {
      const src = u.ctx.canvas, dpr = devicePixelRatio || 1, head = 28 * dpr;
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height + head;
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.fillStyle = '#222';
      ctx.font = `${14 * dpr}px sans-serif`;
      ctx.fillText(spec.title, 10 * dpr, 19 * dpr);
      ctx.drawImage(src, 0, head);
      const a = document.createElement('a');
      a.href = c.toDataURL('image/png');
      a.download = spec.id + '.png';
      a.click();
    });
    el.parentElement.querySelector('h2').append(b);
  }

  const makers = {time: timeChart, weights: weightsChart, histogram: histogramChart, frontier: frontierChart};
  for (const spec of specs) {
    const el = document.getElementById('chart-' + spec.id);
    const kind = spec.kind === 'time' && spec.strategies ? 'weights' : spec.kind;
    const u = makers[kind](spec, el);
    window.ballastCharts[spec.id] = u;
    pngButton(spec, el, u);
  }

  // Column toggles: a hidden column's cells carry class "off".
  document.querySelectorAll('details.columns input[type=checkbox]').forEach(box => {
    box.addEventListener('change', () => {
      const table = document.getElementById(box.dataset.table);
      table.querySelectorAll(`[data-col="${box.dataset.col}"]`).forEach(c => c.classList.toggle('off', !box.checked));
    });
  });
  document.body.dataset.chartsReady = String(Object.keys(window.ballastCharts).length);
})();
