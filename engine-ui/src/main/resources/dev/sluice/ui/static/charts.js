'use strict';
// Small hand-written SVG charts (no library, nothing from a CDN): lines or (stacked) bars over the batches.
const charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  const W = 560, H = 170, LEFT = 58, BOTTOM = 22, TOP = 8;

  function svg(tag, attributes, text) {
    const e = document.createElementNS(NS, tag);
    Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function compact(value) {
    return Number(value).toLocaleString('en-US', {notation: 'compact', maximumFractionDigits: 1});
  }

  // The series of `batches` whose metric name matches `pattern`, keyed by the name.
  function select(batches, pattern, scale) {
    const names = new Set();
    batches.forEach(b => Object.keys(b.metrics).filter(k => pattern.test(k)).forEach(k => names.add(k)));
    return [...names].sort().map(name => ({
      name, values: batches.map(b => name in b.metrics ? b.metrics[name] * (scale || 1) : null)
    }));
  }

  // Draws into the figure with this id (created on first use inside `parent`).
  function draw(parent, id, title, batches, series, options) {
    let figure = document.getElementById(id);
    if (!figure) {
      figure = sluice.el('figure', null, 'chart');
      figure.id = id;
      figure.append(sluice.el('figcaption', title));
      figure.append(svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title}));
      figure.append(sluice.el('div', null, 'legend'));
      parent.append(figure);
    }
    const root = figure.querySelector('svg');
    root.replaceChildren();
    root.setAttribute('data-points', String(batches.length));
    const legend = figure.querySelector('.legend');
    legend.replaceChildren();
    if (series.length === 0 || batches.length === 0) {
      root.append(svg('text', {x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty'},
        options.empty || 'no data yet'));
      return;
    }
    const stacked = options.stacked;
    const totals = batches.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
    const all = stacked ? totals : series.flatMap(s => s.values.filter(v => v !== null));
    const max = Math.max(1e-9, ...all);
    const plotW = W - LEFT - 6, plotH = H - TOP - BOTTOM;
    const x = i => LEFT + (i + 0.5) * plotW / batches.length; // centred slots: bars never cover the axis
    const y = v => TOP + plotH - v / max * plotH;
    root.append(svg('line', {x1: LEFT, y1: TOP, x2: LEFT, y2: TOP + plotH, class: 'axis'}));
    root.append(svg('line', {x1: LEFT, y1: TOP + plotH, x2: W - 6, y2: TOP + plotH, class: 'axis'}));
    root.append(svg('text', {x: LEFT - 4, y: TOP + 10, 'text-anchor': 'end', class: 'tick'}, compact(max)));
    root.append(svg('text', {x: LEFT - 4, y: TOP + plotH, 'text-anchor': 'end', class: 'tick'}, '0'));
    root.append(svg('text', {x: LEFT, y: H - 4, class: 'tick'}, 'batch ' + batches[0].batchId));
    root.append(svg('text', {x: W - 6, y: H - 4, 'text-anchor': 'end', class: 'tick'},
      'batch ' + batches[batches.length - 1].batchId));
    const barW = Math.max(1, plotW / batches.length - 2);
    const base = batches.map(() => 0);
    series.forEach((s, n) => {
      const color = COLORS[n % COLORS.length];
      if (options.bars || stacked) {
        s.values.forEach((v, i) => {
          if (v === null) {
            return;
          }
          const top = y(base[i] + v), bottom = y(base[i]);
          root.append(svg('rect', {x: x(i) - barW / 2, y: top, width: barW, height: Math.max(0, bottom - top),
            fill: color}));
          if (stacked) {
            base[i] += v;
          }
        });
      } else {
        const points = s.values.map((v, i) => v === null ? null : `${x(i)},${y(v)}`).filter(p => p !== null);
        root.append(svg('polyline', {points: points.join(' '), fill: 'none', stroke: color, 'stroke-width': 2}));
      }
      const key = sluice.el('span', (options.label ? options.label(s.name) : s.name) + ' ' +
        sluice.number(s.values[s.values.length - 1]), 'key');
      key.style.borderColor = color;
      legend.append(key);
    });
  }

  return {select, draw};
})();
