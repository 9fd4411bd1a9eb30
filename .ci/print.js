#!/usr/bin/env node
// Print gate: prints each given page to an A4 PDF in headless Chromium (the page's own @page
// rules, as a reader's "Print" would) and exits 1 if any takes more pages than allowed. Panel
// sheets are forms handed to assessors: one sheet of paper each.
//
// Usage: node .ci/print.js BASE_URL MAX_PAGES PATH... (e.g. http://127.0.0.1:8123 1 /penilaian/r/x/)
// The browser is Debian's chromium (CHROMIUM env var overrides the path), as in axe.js.
'use strict';

const { launch } = require('./browser');

// Page objects in a PDF ("/Type /Page", not the "/Type /Pages" tree nodes). Chromium writes them
// uncompressed; a PDF with none found is reported rather than counted as zero pages.
function pageCount(pdf) {
  const m = Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g);
  return m ? m.length : 0;
}

async function main() {
  const [base, maxArg, ...paths] = process.argv.slice(2);
  const max = Number(maxArg);
  if (!base || !Number.isInteger(max) || max < 1 || paths.length === 0) {
    console.error('usage: node print.js BASE_URL MAX_PAGES PATH...');
    process.exit(2);
  }
  const browser = await launch();
  let failures = 0;
  try {
    const page = await browser.newPage();
    for (const p of paths) {
      const resp = await page.goto(base.replace(/\/$/, '') + p, { waitUntil: 'load' });
      if (!resp || !resp.ok()) {
        console.error(`${p}: HTTP ${resp ? resp.status() : 'no response'}`);
        failures += 1;
        continue;
      }
      await page.evaluate(() => document.fonts.ready);
      // preferCSSPageSize: the stylesheet's @page (A4, margins, footer) decides, as in a browser.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const n = pageCount(pdf);
      if (n === 0) {
        console.error(`${p}: no page found in the PDF Chromium printed`);
        failures += 1;
      } else if (n > max) {
        console.error(`${p}: prints on ${n} pages, at most ${max} allowed (A4)`);
        failures += 1;
      } else {
        console.log(`ok  ${p}: ${n} page(s)`);
      }
    }
  } finally {
    await browser.close();
  }
  if (failures > 0) {
    console.error(`print: ${failures} page(s) too long or not printable`);
    process.exit(1);
  }
  console.log(`print: ${paths.length} page(s) each fit ${max} A4 page(s)`);
}

main().catch((e) => {
  console.error(`print: ${e.stack || e}`);
  process.exit(1);
});
