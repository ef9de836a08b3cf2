// What the browser checks share: launching Debian's Chromium (never a
// downloaded browser), a reader's context with a fixed clock, waiting for
// board.js, and collecting console errors.

import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { chromium } from 'playwright-core';

/** The moment the example board is built at (its content is written for it). */
export const NOW = '2026-11-23T12:00:00+01:00';
export const TIME_ZONE = 'Europe/Stockholm';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

/** A context as a reader in Sweden would have it, with the clock at `now`. */
export async function context(browser, options = {}) {
  const { now = NOW, ...rest } = options;
  const ctx = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: TIME_ZONE,
    reducedMotion: 'reduce',
    ...rest,
  });
  // A missing element fails its check in seconds, not after the default 30.
  ctx.setDefaultTimeout(8000);
  await ctx.clock.setFixedTime(new Date(now));
  // Collects CSP violations, which are otherwise only console messages.
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
  return ctx;
}

/** Records console errors and uncaught exceptions of a page as problems. */
export function watch(page, where, problem) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problem(where(), `console error: ${msg.text()}`);
  });
  page.on('pageerror', (e) => problem(where(), `uncaught exception: ${e.message}`));
}

/** Opens a page and waits until board.js has finished enhancing it. */
export async function open(page, url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  if (await page.$('[data-finder]')) {
    await page.waitForSelector('[data-finder][data-ready]', { timeout: 5000 });
  }
  return res;
}

/** Every HTML file of the site, as file paths and as URL paths. */
export function pages(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(p);
    }
  };
  walk(root);
  return out.sort().map((file) => {
    const rel = relative(root, file).split(sep).join('/');
    const path = '/' + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
    return { file, path };
  });
}
