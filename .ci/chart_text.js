#!/usr/bin/env node
// Chart text gate: in headless Chromium at 1280, 390 and 320 px, every chart text that is shown
// must display at 12 px or more (font size x the SVG's on-screen scale) and lie inside its chart
// (not cut off at an edge). The same budget is checked without a browser in tests/chart_text.rs.
//
// Usage: node .ci/chart_text.js BASE_URL PATH...
'use strict';

const { launch } = require('./browser');

const MIN_PX = 12;
const WIDTHS = [1280, 390, 320];

// Runs in the page: [problems, number of texts measured].
function measure(min) {
  const problems = [];
  let seen = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || getComputedStyle(svg).display === 'none') continue;
    const scale = svg.getScreenCTM().a;
    for (const t of svg.querySelectorAll('text')) {
      seen += 1;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      const where = `${svg.getAttribute('class')} "${t.textContent.slice(0, 40)}"`;
      if (px < min - 0.01) problems.push(`${where}: ${px.toFixed(1)} px`);
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        problems.push(`${where}: cut off (${r.left.toFixed(0)}-${r.right.toFixed(0)} in ${box.left.toFixed(0)}-${box.right.toFixed(0)})`);
      }
    }
  }
  return [problems, seen];
}

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || paths.length === 0) {
    console.error('usage: node chart_text.js BASE_URL PATH...');
    process.exit(2);
  }
  const browser = await launch();
  let failures = 0;
  let texts = 0;
  try {
    const page = await browser.newPage();
    await page.setCacheEnabled(false);
    for (const p of paths) {
      for (const width of WIDTHS) {
        await page.setViewport({ width, height: 900 });
        const resp = await page.goto(base.replace(/\/$/, '') + p, { waitUntil: 'load' });
        if (!resp || !resp.ok()) {
          console.error(`${p} [${width}px]: HTTP ${resp ? resp.status() : 'no response'}`);
          failures += 1;
          continue;
        }
        await page.evaluate(() => document.fonts.ready);
        const [problems, seen] = await page.evaluate(measure, MIN_PX);
        texts += seen;
        for (const m of problems) console.error(`${p} [${width}px]: ${m}`);
        failures += problems.length;
      }
    }
  } finally {
    await browser.close();
  }
  if (failures > 0) {
    console.error(`chart_text: ${failures} chart text(s) below ${MIN_PX} px or cut off`);
    process.exit(1);
  }
  console.log(`chart_text: ${texts} chart texts on ${paths.length} pages at ${WIDTHS.join(', ')} px, all >= ${MIN_PX} px and inside their charts`);
}

main().catch((e) => {
  console.error(`chart_text: ${e.stack || e}`);
  process.exit(1);
});
