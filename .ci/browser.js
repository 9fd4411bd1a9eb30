// The headless Chromium every gate script drives: Debian's chromium (CHROMIUM env var overrides
// the path), launched with the flags the developers' guide names. One place, so the axe, print
// and chart-text gates test pages in the same browser the same way.
'use strict';

const fs = require('fs');
const puppeteer = require('puppeteer-core');

function chromiumPath() {
  for (const c of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (c && fs.existsSync(c)) return c;
  }
  throw new Error('no chromium found (apt-get install -y chromium, or set CHROMIUM)');
}

function launch() {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

module.exports = { launch };
