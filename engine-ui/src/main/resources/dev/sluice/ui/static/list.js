'use strict';
// The query list: polls /api/queries every second. Rows are updated in place (keyed by run id), so links stay
// clickable and a selection survives the refresh.
sluice.every(1000, async () => {
  const queries = await sluice.json('/api/queries');
  const body = document.querySelector('#queries tbody');
  const existing = new Map([...body.rows].map(r => [r.dataset.runId, r]));
  const rows = queries.map(q => {
    let row = existing.get(q.runId);
    if (!row) {
      row = document.createElement('tr');
      row.dataset.runId = q.runId;
      row.dataset.id = q.id;
      const link = sluice.el('a', q.name || '(unnamed)');
      link.href = '/query?id=' + encodeURIComponent(q.runId);
      const name = document.createElement('td');
      name.append(link);
      row.append(name, ...Array.from({length: 7}, () => document.createElement('td')));
    }
    const cells = [[q.id, 'mono'], [q.status, 'status status-' + q.status], [q.startedAt, ''], [q.batches, 'num'],
      [sluice.number(q.inputRowsPerSecond), 'num'], [sluice.number(q.processedRowsPerSecond), 'num'],
      [q.lastError ? '[' + q.errorClass + '] ' + q.lastError : '', 'error-cell']];
    cells.forEach(([text, className], i) => {
      const cell = row.cells[i + 1];
      if (cell.textContent !== String(text)) {
        cell.textContent = String(text);
      }
      cell.className = className;
    });
    return row;
  });
  rows.forEach((row, i) => {
    if (body.rows[i] !== row) {
      body.insertBefore(row, body.rows[i] || null);
    }
  });
  while (body.rows.length > rows.length) {
    body.deleteRow(rows.length);
  }
  document.getElementById('empty').hidden = queries.length > 0;
});
