#!/usr/bin/env node
// Accessibility and layout gate: runs axe-core in real headless Chromium on the given pages at a
// desktop (1280 px), a phone (390 px) and a small phone (320 px) width, and exits 1 if axe reports
// any violation or if a page scrolls sideways at any of these widths (WCAG 1.4.10 Reflow: only a
// box of its own, such as a wide table or chart, may scroll, never the whole page).
//
// Usage: node .ci/axe.js BASE_URL PATH... (e.g. http://127.0.0.1:8123 / /wilayah/kota-bontang/)
// The browser is Debian's chromium (CHROMIUM env var overrides the path); puppeteer-core never
// downloads a browser of its own, which this machine could not fetch anyway.
'use strict';

const fs = require('fs');
const path = require('path');
const { launch } = require('./browser');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'small phone', width: 320, height: 640 },
];

// Runs in the page: the elements that stick out past the right edge of the viewport without a
// scroll box of their own around them (the ones that make the page slide sideways).
function overflowing() {
  const iw = window.innerWidth;
  const sw = document.documentElement.scrollWidth;
  if (sw <= iw) return null;
  const culprits = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.getBoundingClientRect().right <= iw + 0.5) continue;
    let up = el.parentElement;
    let boxed = false;
    for (; up && up !== document.body; up = up.parentElement) {
      const o = getComputedStyle(up).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') {
        boxed = true;
        break;
      }
    }
    // Report the outermost offender only: its children stick out with it.
    const parent = el.parentElement;
    const parentOut = parent && parent !== document.body && parent.getBoundingClientRect().right > iw + 0.5;
    if (!boxed && !parentOut) culprits.push(el.outerHTML.slice(0, 160));
  }
  return { iw, sw, culprits: culprits.slice(0, 5) };
}

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || paths.length === 0) {
    console.error('usage: node axe.js BASE_URL PATH...');
    process.exit(2);
  }
  const browser = await launch();
  let violations = 0;
  try {
    const page = await browser.newPage();
    // Each page is loaded twice (two widths): without this the second load is a 304.
    await page.setCacheEnabled(false);
    for (const p of paths) {
      for (const w of WIDTHS) {
        await page.setViewport({ width: w.width, height: w.height });
        const url = base.replace(/\/$/, '') + p;
        const resp = await page.goto(url, { waitUntil: 'load' });
        // 404.html is served with 200 by http.server when asked by name; any other failure
        // means the page list is wrong, which must not pass silently.
        if (!resp || !resp.ok()) {
          console.error(`${p} [${w.name}]: HTTP ${resp ? resp.status() : 'no response'}`);
          violations += 1;
          continue;
        }
        await page.evaluate(AXE_SOURCE);
        const result = await page.evaluate(async () => {
          // Best practices too (landmarks, heading order): they are cheap to keep clean.
          return await window.axe.run(document, { resultTypes: ['violations'] });
        });
        for (const v of result.violations) {
          for (const node of v.nodes) {
            violations += 1;
            console.error(
              `${p} [${w.name} ${w.width}px]: ${v.id} (${v.impact}): ${v.help}\n` +
                `    at ${node.target.join(' ')}\n    ${node.failureSummary.replace(/\n/g, '\n    ')}\n` +
                `    see ${v.helpUrl}`
            );
          }
        }
        const over = await page.evaluate(overflowing);
        if (over) {
          violations += 1;
          console.error(
            `${p} [${w.name} ${w.width}px]: page scrolls sideways (scrollWidth ${over.sw} > ${over.iw}); ` +
              `wrap wide content in a focusable scroll box or let it wrap. Sticking out:\n    ` +
              over.culprits.join('\n    ')
          );
        }
        if (result.violations.length === 0 && !over) {
          console.log(`ok  ${p} [${w.name} ${w.width}px]`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  if (violations > 0) {
    console.error(`axe: ${violations} violation(s) on ${path.basename(base)}`);
    process.exit(1);
  }
  console.log(
    `axe: 0 violations and no sideways scrolling on ${paths.length} pages at ` +
      `${WIDTHS.map((w) => w.width).join(', ')} px`
  );
}

main().catch((e) => {
  console.error(`axe: ${e.stack || e}`);
  process.exit(1);
});
