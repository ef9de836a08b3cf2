// Loads every page of a site built from the XSS corpus in headless Chromium
// and fails if anything in it runs.
//
//   node hostile.mjs <built-site-dir>
//
// The site is served WITHOUT a Content-Security-Policy, so only the markup's
// own safety counts. On every HTML page: no dialog (alert, confirm, prompt,
// print), no console message from the page (besides failed loads of local
// files), no uncaught exception, no request that leaves the local server
// (all are blocked and listed; images are the one kind a body may load from
// elsewhere), no element whose link, source or form target uses a
// `javascript:`, `vbscript:` or `data:` URL as the browser reads it. Every
// element also gets the events inline handlers listen for (mouse, focus,
// load, error, animation), so a handler that slipped through would fire.
// Exits 1 listing every problem, 0 when there is none.

import { resolve } from 'node:path';

import { context, launch, pages } from './lib.mjs';
import { serve } from './server.mjs';

const site = resolve(process.argv[2] || '');
if (!process.argv[2]) {
  console.error('usage: node hostile.mjs <built-site-dir>');
  process.exit(2);
}

const WORKERS = 3;
const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);


/** In the page: elements with a dangerous URL, then every event fired. */
function provoke() {
  const found = [];
  const attrs = ['href', 'src', 'action', 'formaction', 'poster', 'data', 'background', 'xlink:href'];
  for (const el of document.querySelectorAll('*')) {
    for (const name of attrs) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let scheme = '';
      try {
        scheme = new URL(value, document.baseURI).protocol;
      } catch {
        continue;
      }
      if (['javascript:', 'vbscript:', 'data:'].includes(scheme)) {
        found.push(`<${el.localName} ${name}="${value.slice(0, 80)}">`);
      }
    }
  }
  const events = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'pointerover',
    'focus', 'focusin', 'blur', 'load', 'error', 'animationstart', 'animationend', 'transitionend'];
  for (const el of document.querySelectorAll('body *')) {
    for (const type of events) el.dispatchEvent(new Event(type, { bubbles: true }));
  }
  return found;
}

const browser = await launch();
const server = await serve(site, {}, { csp: false });
const origin = new URL(server.url).origin;
const paths = pages(site).map((p) => p.path);
let next = 0;
let visited = 0;

async function worker() {
  const ctx = await context(browser);
  const page = await ctx.newPage();
  let where = '';
  page.on('dialog', async (d) => {
    problem(where, `a ${d.type()} dialog opened: ${d.message().slice(0, 80)}`);
    await d.dismiss().catch(() => {});
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Failed to load resource/.test(text)) return;
    problem(where, `console ${msg.type()}: ${text.slice(0, 120)}`);
  });
  page.on('pageerror', (e) => problem(where, `uncaught exception: ${e.message.slice(0, 120)}`));
  await page.route('**/*', (route) => {
    const req = route.request();
    const url = req.url();
    if (url.startsWith(origin + '/')) return route.continue();
    if (req.resourceType() !== 'image') {
      problem(where, `a ${req.resourceType()} request left the site: ${url.slice(0, 120)}`);
    }
    return route.abort();
  });
  while (next < paths.length) {
    const path = paths[next++];
    where = path;
    try {
      await page.goto(server.url + path, { waitUntil: 'load' });
      const found = await page.evaluate(provoke);
      for (const f of found) problem(path, `a dangerous URL survived: ${f}`);
      // Give timers and fired handlers a moment.
      await page.waitForTimeout(20);
      visited += 1;
    } catch (e) {
      problem(path, `could not be checked: ${e.message.split('\n')[0]}`);
    }
  }
  await ctx.close();
}

await Promise.all(Array.from({ length: WORKERS }, worker));
await browser.close();
server.close();
console.log(`hostile site: ${visited} of ${paths.length} pages loaded and provoked`);
if (problems.length) {
  console.error(`${problems.length} problems:\n` + problems.slice(0, 100).join('\n'));
  process.exit(1);
}
