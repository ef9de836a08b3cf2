// Checks a built board in headless Chromium and with the W3C Nu HTML Checker.
//
//   node check.mjs <built-site-dir> [--screenshots <dir>]
//
// For every HTML page: no axe-core violation (WCAG 2.0/2.1/2.2 A and AA and
// best practices) in the light and the dark colour scheme, no sideways scroll
// at 320 CSS px and no word broken there without a hyphen, no two headings
// with the same words, no console error and no Content-Security-Policy violation
// (the site is served with `default-src 'self'`). Then what a person does:
// every open posting's places, deadline and apply action on a phone's first
// screen, the keyboard's skip link, the filter form (see interactions.mjs),
// the days-left script; and every page through vnu.jar. Screenshots go to
// --screenshots. Exits 1 listing every problem, 0 when there is none.

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

import { context, launch, open, pages, watch } from './lib.mjs';
import { serve } from './server.mjs';
import { interactions, screenshots } from './interactions.mjs';

const require = createRequire(import.meta.url);

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const NARROW = 320;
const WORKERS = 3;

const args = process.argv.slice(2);
const site = resolve(args[0] || '');
const shotsAt = args.indexOf('--screenshots');
const shotDir = shotsAt >= 0 ? resolve(args[shotsAt + 1]) : null;
if (!args[0]) {
  console.error('usage: node check.mjs <built-site-dir> [--screenshots <dir>]');
  process.exit(2);
}

const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);
const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1) + ' s';


/** vnu.jar over every page, errors only; resolves to the messages. */
function validate(files) {
  const jar = join(dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  return new Promise((done) => {
    const java = spawn('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    java.stdout.on('data', (d) => { out += d; });
    java.stderr.on('data', (d) => { out += d; });
    java.on('error', (e) => done([{ url: 'java', message: `cannot run java: ${e.message}` }]));
    java.on('close', (code) => {
      const json = out.slice(out.indexOf('{'));
      try {
        done(JSON.parse(json).messages || []);
      } catch {
        done([{ url: 'vnu.jar', message: `exit ${code}, unreadable output: ${out.slice(0, 500)}` }]);
      }
    });
  });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_PATH = '/__test__/axe.min.js';

async function axe(page) {
  // Loaded as a same-origin script, which the CSP allows and Chromium caches compiled.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ url: AXE_PATH });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  }, AXE_TAGS);
}

const stats = { pages: 0, axeRuns: 0, violations: 0, wide: 0 };

async function reportAxe(page, where) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await axe(page);
    stats.axeRuns += 1;
    for (const v of violations) {
      stats.violations += v.nodes.length;
      problem(`${where} (${scheme})`, `axe ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Words of the page's text that a line break cuts without a hyphen: for
 * each word (letters and soft hyphens) laid out on more than one line, the
 * character before the break must be a soft hyphen, which the browser then
 * shows as a hyphen.
 */
function brokenWords(page) {
  return page.evaluate(() => {
    const bad = new Set();
    const range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('script, style, pre, code, [hidden], .visually-hidden, template')) continue;
      for (const m of n.data.matchAll(/[\p{L}\p{M}\u00AD]+/gu)) {
        // A part of a web or e-mail address breaks without a hyphen, which
        // would change the address.
        const around = n.data[m.index - 1] + n.data[m.index + m[0].length];
        if (/[./@:_]/.test(around)) continue;
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        if (range.getClientRects().length < 2) continue;
        let top = null;
        for (let i = 0; i < m[0].length; i++) {
          range.setStart(n, m.index + i);
          range.setEnd(n, m.index + i + 1);
          // A character right after a break also gets a box at the end of
          // the line before: its own glyph is the last box.
          const boxes = range.getClientRects();
          const r = boxes[boxes.length - 1];
          if (!r || r.width === 0) continue;
          if (top !== null && r.top > top + 2) {
            if (m[0][i - 1] !== '\u00AD') bad.add(m[0].replace(/\u00AD/g, ''));
            break;
          }
          top = r.top;
        }
      }
    }
    return [...bad];
  });
}

/**
 * Heading texts a page has twice. The titles of listed postings are left
 * out: two postings may well have the same title.
 */
function sameHeadings(page) {
  return page.evaluate(() => {
    const seen = new Set();
    const twice = new Set();
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      if (h.closest('.card')) continue;
      const text = h.textContent.replace(/\u00AD/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
      if (seen.has(text)) twice.add(text);
      seen.add(text);
    }
    return [...twice];
  });
}

/**
 * On a phone (375 x 667), every open posting page shows its places, its
 * deadline and the apply action without scrolling.
 */
async function firstScreen(browser, base, postings) {
  const ctx = await context(browser, { viewport: { width: 375, height: 667 } });
  const page = await ctx.newPage();
  let checked = 0;
  for (const { path } of postings) {
    await open(page, base + path);
    const out = await page.evaluate(() => {
      const apply = document.querySelector('.panel-apply');
      if (!apply || apply.closest('[hidden]') || apply.offsetParent === null) return null;
      const below = (sel) => {
        const e = document.querySelector(sel);
        return !e ? `${sel} is missing` : e.getBoundingClientRect().bottom > innerHeight ? `${sel} ends at ${Math.round(e.getBoundingClientRect().bottom)} px` : null;
      };
      return ['.lead .fact-locations, .lead .fact-workplace', '.lead .fact-deadline', '.panel-apply .button'].map(below).filter(Boolean);
    });
    if (out === null) continue;
    checked += 1;
    for (const o of out) problem(path, `not in the first screen at 375 x 667: ${o}`);
  }
  await ctx.close();
  if (!checked) problem('first screen', 'no open posting page to check: every posting seems closed at the test clock');
  return checked;
}

/** The first page of each listing, which has the finder: homes, their other order, term pages. */
const LISTING = /^\/[a-z]{2,3}\/((soonest|locations\/[^/]+|employment\/[^/]+|extent\/[^/]+|workplace\/[^/]+|categories\/[^/]+)\/)?$/;

/**
 * Nothing on a listing page moves after load: a PerformanceObserver for
 * `layout-shift` records nothing once board.js is done (with script), and
 * DevTools' performance timeline reports no shift (without script, where
 * no observer can run). The pass without script also checks that the
 * finder's form gives way to the filter links. At 375 x 667, where a shift
 * moves the most.
 */
async function layoutShifts(browser, base, listings) {
  let loads = 0;
  for (const script of [true, false]) {
    const ctx = await context(browser, { viewport: { width: 375, height: 667 }, javaScriptEnabled: script });
    const page = await ctx.newPage();
    const timeline = [];
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('PerformanceTimeline.enable', { eventTypes: ['layout-shift'] });
    cdp.on('PerformanceTimeline.timelineEventAdded', ({ event }) => {
      if (event.layoutShiftDetails) timeline.push(event.layoutShiftDetails.value);
    });
    const how = script ? 'with script' : 'without script';
    for (const { path } of listings) {
      timeline.length = 0;
      if (script) await open(page, base + path);
      else await page.goto(base + path, { waitUntil: 'load' });
      const observed = script
        ? await page.evaluate(() => new Promise((done) => {
          const seen = [];
          new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(e.value)))
            .observe({ type: 'layout-shift', buffered: true });
          // Two frames for anything the script might still lay out.
          requestAnimationFrame(() => requestAnimationFrame(() => done(seen)));
        }))
        : [];
      const shifts = [...observed, ...timeline];
      loads += 1;
      if (shifts.length) {
        const total = shifts.reduce((a, b) => a + b, 0);
        problem(`${path} ${how}`, `${shifts.length} layout shifts after load at 375 x 667 (score ${total.toFixed(4)})`);
      }
      if (!script) {
        const shown = await page.evaluate(() => ({
          links: getComputedStyle(document.querySelector('.filters-links')).display !== 'none',
          form: [...document.querySelectorAll('.needs-script')].filter((e) => getComputedStyle(e).display !== 'none').length,
        }));
        if (!shown.links) problem(`${path} ${how}`, 'the filter links are hidden');
        if (shown.form) problem(`${path} ${how}`, `${shown.form} parts of the finder that need the script are shown`);
      }
    }
    await ctx.close();
  }
  return loads;
}

/** The checks every page gets, with the page's own script running. */
async function checkPage(page, base, { path }) {
  const res = await open(page, base + path);
  if (res.status() !== 200) problem(path, `HTTP ${res.status()}`);
  // Everything a reader can open counts: the filter panel's contents too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await reportAxe(page, path);
  await page.setViewportSize({ width: NARROW, height: 700 });
  const width = await page.evaluate(() => {
    const d = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1 || e.getBoundingClientRect().left < -1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { scroll: d.scrollWidth, client: d.clientWidth, wide };
  });
  if (width.scroll > width.client) {
    stats.wide += 1;
    problem(path, `scrolls sideways at ${NARROW} px: ${width.scroll} > ${width.client} (${width.wide.join(', ')})`);
  }
  for (const word of await brokenWords(page)) problem(path, `"${word}" is broken across lines without a hyphen at ${NARROW} px`);
  for (const h of await sameHeadings(page)) problem(path, `two headings say "${h}"`);
  await page.setViewportSize({ width: 1280, height: 900 });
  const csp = await page.evaluate(() => window.__csp);
  for (const v of csp) problem(path, `CSP violation: ${v}`);
  stats.pages += 1;
}

/** Gives up (listing what was found so far) rather than hang a test run. */
const LIMIT_S = 240;
setTimeout(() => {
  console.log(`\ngave up after ${LIMIT_S} s; problems so far:`);
  for (const p of problems) console.log(`- ${p}`);
  process.exit(1);
}, LIMIT_S * 1000).unref();

async function main() {
  const all = pages(site);
  const server = await serve(site, { [AXE_PATH]: axeSource });
  console.log(`serving ${site} at ${server.url} (${all.length} pages)`);
  const vnu = validate(all.map((p) => p.file));
  const browser = await launch();
  try {
    // Every page, with JavaScript, by a few workers sharing the queue.
    const ctx = await context(browser);
    const queue = all.slice();
    await Promise.all(Array.from({ length: WORKERS }, async () => {
      const page = await ctx.newPage();
      let current = '';
      watch(page, () => current, problem);
      for (let item = queue.shift(); item; item = queue.shift()) {
        current = item.path;
        try {
          await checkPage(page, server.url, item);
        } catch (e) {
          problem(item.path, `check failed: ${e.message.split('\n')[0]}`);
        }
      }
      await page.close();
    }));
    await ctx.close();
    console.log(`axe and width: ${stats.pages} pages, ${stats.axeRuns} axe runs, ${secs()}`);

    // Listing pages when the finder cannot load the postings (postings.json
    // answered with 404): board.js loads the same sheet as <noscript> does,
    // and the panel of plain links takes the form's place. A home and a
    // term page per language.
    const noData = await context(browser);
    await noData.route(/\/postings\.json$/, (route) => route.fulfill({ status: 404, body: '' }));
    const page = await noData.newPage();
    watch(page, () => 'without the postings', () => {});
    const listings = all.filter((p) => /^\/(sv|en|ar)\/(locations\/goteborg\/)?$/.test(p.path));
    for (const { path } of listings) {
      await page.goto(server.url + path);
      await page.waitForSelector('link[data-fallback]', { state: 'attached' });
      await page.waitForFunction(() => getComputedStyle(document.querySelector('.filters-links')).display !== 'none');
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await reportAxe(page, `${path} without the postings`);
    }
    await noData.close();
    console.log(`without the postings: ${listings.length} listing pages, ${secs()}`);

    const steady = await layoutShifts(browser, server.url, all.filter((p) => LISTING.test(p.path)));
    console.log(`layout shift: ${steady} listing page loads at 375 x 667, with and without script, ${secs()}`);

    const postings = all.filter((p) => /^\/[a-z]{2,3}\/jobs\/[^/]+\/$/.test(p.path));
    const first = await firstScreen(browser, server.url, postings);
    console.log(`first screen: ${first} open posting pages at 375 x 667, ${secs()}`);

    const done = await interactions(browser, server.url, problem);
    console.log(`interactions: ${done} checks, ${secs()}`);
    if (shotDir) {
      mkdirSync(shotDir, { recursive: true });
      const shots = await screenshots(browser, server.url, shotDir);
      console.log(`screenshots: ${shots} PNG files in ${shotDir}, ${secs()}`);
    }
  } finally {
    await browser.close();
  }

  const messages = await vnu;
  for (const m of messages) {
    const where = m.url ? m.url.replace('file:' + site, '') : 'vnu';
    problem(where, `HTML ${m.type || 'error'}: ${m.message}${m.lastLine ? ` (line ${m.lastLine})` : ''}`);
  }
  console.log(`vnu.jar: ${all.length} pages, ${messages.length} errors, ${secs()}`);
  await server.close();

  if (problems.length) {
    console.log(`\n${problems.length} problems:`);
    for (const p of problems) console.log(`- ${p}`);
    process.exitCode = 1;
  } else {
    console.log(`all browser checks passed: ${stats.pages} pages, ${stats.axeRuns} axe runs, 0 violations, in ${secs()}`);
  }
}

await main();
