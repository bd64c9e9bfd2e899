'use strict';
// Shared helpers of the Sluice UI pages. Data is always inserted as text (textContent), never as HTML.
const sluice = {
  async json(url) {
    const response = await fetch(url, {cache: 'no-store'});
    if (!response.ok) {
      throw new Error(url + ': HTTP ' + response.status);
    }
    return response.json();
  },
  number(value, digits) {
    if (value === null || value === undefined || Number.isNaN(value)) {
      return '–';
    }
    return Number(value).toLocaleString('en-US', {maximumFractionDigits: digits === undefined ? 1 : digits});
  },
  el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  },
  every(ms, task) {
    const run = () => task().catch(e => console.warn(e)).finally(() => setTimeout(run, ms));
    run();
  }
};
