#!/usr/bin/env node
// Accessibility gate: runs axe-core in real headless Chromium on the given pages at a desktop
// (1280 px) and a phone (390 px) width, and exits 1 if axe reports any violation.
//
// Usage: node .ci/axe.js BASE_URL PATH... (e.g. http://127.0.0.1:8123 / /wilayah/kota-bontang/)
// The browser is Debian's chromium (CHROMIUM env var overrides the path); puppeteer-core never
// downloads a browser of its own, which this machine could not fetch anyway.
'use strict';

const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

function chromiumPath() {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) {
    if (c && fs.existsSync(c)) return c;
  }
  throw new Error('no chromium found (apt-get install -y chromium, or set CHROMIUM)');
}

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || paths.length === 0) {
    console.error('usage: node axe.js BASE_URL PATH...');
    process.exit(2);
  }
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
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
        if (result.violations.length === 0) {
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
  console.log(`axe: 0 violations on ${paths.length} pages at ${WIDTHS.map((w) => w.width).join(' and ')} px`);
}

main().catch((e) => {
  console.error(`axe: ${e.stack || e}`);
  process.exit(1);
});
