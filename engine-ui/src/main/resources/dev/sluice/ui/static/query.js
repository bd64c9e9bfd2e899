'use strict';
// One query: summary, live charts from /api/queries/{id}/metrics, the latest progress JSON and the plan.
(() => {
  const id = new URLSearchParams(location.search).get('id');
  const base = '/api/queries/' + encodeURIComponent(id);
  const chartArea = document.getElementById('charts');
  const tail = prefix => name => name.substring(prefix.length);
  const CHARTS = [
    ['chart-rates', 'Input rate vs processing rate (rows/s)', /^(input|processing)\.rate$/, {}],
    ['chart-duration', 'Batch duration by phase (ms)', /^phase\.duration\.(?!triggerExecution)/,
      {stacked: true, label: tail('phase.duration.')}],
    ['chart-input-rows', 'Input rows per batch', /^input\.rows$/, {bars: true}],
    ['chart-state-rows', 'State rows per operator', /^state\.rows\.\d+$/,
      {label: n => 'operator ' + tail('state.rows.')(n), empty: 'no stateful operator'}],
    ['chart-state-memory', 'State memory per operator (bytes)', /^state\.memory\.bytes\.\d+$/,
      {label: n => 'operator ' + tail('state.memory.bytes.')(n), empty: 'no stateful operator'}],
    ['chart-watermark-lag', 'Watermark lag behind batch start (s)', /^watermark\.lag$/,
      {scale: 0.001, empty: 'no watermark'}],
    ['chart-late-rows', 'Late rows dropped by the watermark', /^state\.rows\.dropped\.late\.\d+$/,
      {bars: true, label: n => 'operator ' + tail('state.rows.dropped.late.')(n), empty: 'no stateful operator'}],
    ['chart-source-lag', 'Source lag (offsets behind latest)', /^source\.offsets\.behind\.\d+$/,
      {label: n => 'source ' + tail('source.offsets.behind.')(n), empty: 'not known for these sources'}],
    ['chart-files-outstanding', 'Files left (Trigger.AvailableNow)', /^source\.files\.outstanding\.\d+$/,
      {bars: true, label: n => 'source ' + tail('source.files.outstanding.')(n), empty: 'no AvailableNow file source'}],
  ];

  function summary(q) {
    document.getElementById('title').textContent = (q.name || '(unnamed)') + ' — ' + q.status;
    document.title = 'Sluice — ' + (q.name || q.id);
    const items = [['Id', q.id], ['Run id', q.runId], ['Status', q.status + ' (' + q.statusMessage + ')'],
      ['Started', q.startedAt], ['Ended', q.endedAt || '–'], ['Batches', q.batches],
      ['Checkpoint', q.checkpointLocation || '–']];
    document.getElementById('summary').replaceChildren(...items.flatMap(([k, v]) =>
      [sluice.el('dt', k), sluice.el('dd', v)]));
    const error = document.getElementById('error');
    error.hidden = !q.lastError;
    error.textContent = q.lastError ? '[' + q.errorClass + '] ' + q.lastError : '';
    document.getElementById('plan').textContent = q.plan || '(not available)';
  }

  sluice.every(1000, async () => {
    const [q, batches, recent] = await Promise.all([sluice.json(base), sluice.json(base + '/metrics?last=100'),
      sluice.json(base + '/progress?last=' + RECENT)]);
    summary(q);
    CHARTS.forEach(([chartId, title, pattern, options]) =>
      charts.draw(chartArea, chartId, title, batches, charts.select(batches, pattern, options.scale), options));
    showProgress(recent);
  });

  // The last batches' progress reports: one button per batch. The newest is shown, unless the user picked
  // another: that one stays shown (pinned, even once it has left the last batches) until the newest is picked.
  const RECENT = 10;
  let pinned = null;
  let rendered = '';
  function showProgress(recent) {
    if (recent.length === 0) {
      return;
    }
    const newest = recent[recent.length - 1];
    const shown = pinned || newest;
    const key = recent.map(p => p.batchId).join(',') + '|' + shown.batchId;
    if (key !== rendered) { // redrawn only on change, so a click never lands on a replaced button
      rendered = key;
      document.getElementById('batches').replaceChildren(...recent.map(p => {
        const b = sluice.el('button', 'batch ' + p.batchId, p.batchId === shown.batchId ? 'batch picked' : 'batch');
        b.type = 'button';
        b.addEventListener('click', () => {
          pinned = p === newest ? null : p;
          showProgress(recent);
        });
        return b;
      }));
      document.getElementById('progress').textContent = JSON.stringify(shown, null, 2);
    }
  }
})();
