// Opens a posting page and each of its attachments in headless Chromium,
// served as the README recommends hosting the board (its
// Content-Security-Policy and `X-Content-Type-Options: nosniff`), and fails
// if any script runs: a dialog, a console message, an uncaught exception, or
// a request for a script other than the board's own `assets/board.js`.
//
//   node attachments.mjs <built-site-dir> <url-path>...
//
// The attachments given are files a posting may publish (text, images,
// PDF) whose bytes also hold markup and script; a browser must show them
// as what their names say, never run them. Exits 1 listing every problem.

import { resolve } from 'node:path';

import { context, launch } from './lib.mjs';
import { serve } from './server.mjs';

const [siteArg, ...paths] = process.argv.slice(2);
if (!siteArg || paths.length === 0) {
  console.error('usage: node attachments.mjs <built-site-dir> <url-path>...');
  process.exit(2);
}

const problems = [];
const server = await serve(resolve(siteArg));
const browser = await launch();
try {
  const ctx = await context(browser);
  for (const path of paths) {
    const page = await ctx.newPage();
    page.on('dialog', async (d) => {
      problems.push(`${path}: a ${d.type()} opened: ${d.message()}`);
      await d.dismiss();
    });
    page.on('console', (m) => {
      // The browser's own viewers: a missing favicon, and the image
      // viewer's inline style, which the policy blocks.
      if (/^Failed to load resource|^Applying inline style violates/.test(m.text())) return;
      problems.push(`${path}: console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${path}: uncaught exception: ${e.message}`));
    page.on('request', (r) => {
      const url = new URL(r.url());
      // The browser's built-in PDF viewer loads its own parts.
      if (url.protocol === 'chrome:' || url.protocol === 'chrome-extension:') return;
      const local = url.origin === server.url;
      if (!local) problems.push(`${path}: a request left the site: ${r.url()}`);
      else if (r.resourceType() === 'script' && url.pathname !== '/assets/board.js') {
        problems.push(`${path}: a script was requested: ${url.pathname}`);
      }
    });
    let response = null;
    try {
      response = await page.goto(server.url + path, { waitUntil: 'load' });
    } catch (e) {
      // A file the browser downloads rather than shows (a PDF in headless
      // Chromium) ends the navigation; nothing of it ran.
      if (!/Download is starting|net::ERR_ABORTED/.test(e.message)) {
        problems.push(`${path}: ${e.message}`);
      }
    }
    if (response && response.status() !== 200) {
      problems.push(`${path}: status ${response.status()}`);
    }
    if (response && response.headers()['x-content-type-options'] !== 'nosniff') {
      problems.push(`${path}: served without nosniff`);
    }
    // Time for a handler or a timer to fire, were there one.
    await page.waitForTimeout(300);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

if (problems.length) {
  console.error(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`opened ${paths.length} addresses: no script ran`);
