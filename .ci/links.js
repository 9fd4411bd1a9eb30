#!/usr/bin/env node
// Link gate: every internal href/src in the built site's HTML, and every url() in its CSS,
// must point at a file that exists, and every #anchor at an id on the target page.
//
// Usage: node .ci/links.js SITE_DIR [BASE_PATH]   (BASE_PATH is site.toml's base_url path, default "/")
// The pages are our own templates' output (quoted attributes), so a regular scan is enough;
// a page the scan misreads would show up as a broken link, not pass silently.
'use strict';

const fs = require('fs');
const path = require('path');

const [siteArg, baseArg] = process.argv.slice(2);
if (!siteArg) {
  console.error('usage: node links.js SITE_DIR [BASE_PATH]');
  process.exit(2);
}
const site = path.resolve(siteArg);
const base = ('/' + (baseArg || '/').replace(/^\/+|\/+$/g, '') + '/').replace(/\/+/g, '/');

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function decodeEntities(s) {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// Site-relative URL path of a file, e.g. /wilayah/kota-bontang/ for .../wilayah/kota-bontang/index.html.
function urlOf(file) {
  const rel = path.relative(site, file).split(path.sep).join('/');
  return base + rel;
}

// The file a URL path names, or null when none exists (directories serve their index.html).
function fileFor(urlPath) {
  if (!urlPath.startsWith(base)) return null;
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(base.length));
  } catch (_) {
    return null;
  }
  const p = path.join(site, rel);
  if (!p.startsWith(site)) return null; // ../ out of the site
  try {
    const st = fs.statSync(p);
    if (st.isFile()) return p;
    if (st.isDirectory()) {
      const idx = path.join(p, 'index.html');
      // /x (no slash) to a directory works on most servers only by redirect: require the slash.
      if (urlPath.endsWith('/') || rel === '') return fs.existsSync(idx) ? idx : null;
      return null;
    }
  } catch (_) {
    return null;
  }
  return null;
}

const files = walk(site, []);
const html = files.filter((f) => f.endsWith('.html'));
const css = files.filter((f) => f.endsWith('.css'));
const idsCache = new Map();
function idsOf(file) {
  if (!idsCache.has(file)) {
    const text = fs.readFileSync(file, 'utf8');
    const ids = new Set();
    for (const m of text.matchAll(/\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      ids.add(decodeEntities(m[1] !== undefined ? m[1] : m[2]));
    }
    idsCache.set(file, ids);
  }
  return idsCache.get(file);
}

const errors = [];
let checked = 0;
function check(from, line, raw) {
  const ref = decodeEntities(raw.trim());
  if (ref === '' || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) return; // external
  checked += 1;
  let u;
  try {
    u = new URL(ref, 'http://site.invalid' + urlOf(from));
  } catch (e) {
    errors.push(`${path.relative(site, from)}:${line}: unparseable link "${raw}"`);
    return;
  }
  const target = fileFor(u.pathname);
  if (!target) {
    errors.push(`${path.relative(site, from)}:${line}: "${raw}" -> ${u.pathname} does not exist`);
    return;
  }
  if (u.hash && u.hash !== '#') {
    let frag;
    try {
      frag = decodeURIComponent(u.hash.slice(1));
    } catch (_) {
      frag = u.hash.slice(1);
    }
    if (target.endsWith('.html') && !idsOf(target).has(frag)) {
      errors.push(`${path.relative(site, from)}:${line}: "${raw}" -> no id="${frag}" in ${path.relative(site, target)}`);
    }
  }
}

function lineAt(text, index) {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

for (const f of html) {
  const text = fs.readFileSync(f, 'utf8');
  for (const m of text.matchAll(/\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    check(f, lineAt(text, m.index), m[1] !== undefined ? m[1] : m[2]);
  }
}
for (const f of css) {
  const text = fs.readFileSync(f, 'utf8');
  for (const m of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)/g)) {
    check(f, lineAt(text, m.index), m[1] ?? m[2] ?? m[3]);
  }
}

for (const e of errors) console.error(`broken link: ${e}`);
if (errors.length > 0) {
  console.error(`links: ${errors.length} broken of ${checked} internal links in ${html.length} pages`);
  process.exit(1);
}
if (checked === 0) {
  console.error(`links: found no internal link in ${html.length} pages; is ${site} a built site?`);
  process.exit(1);
}
console.log(`links: all ${checked} internal links and anchors resolve (${html.length} pages, ${css.length} stylesheets)`);
