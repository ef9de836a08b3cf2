// A static web server for a built site, as the README recommends hosting it:
// `/x/` serves `x/index.html`, a missing file serves `/404.html` with status
// 404, and every response carries the strict Content-Security-Policy the
// theme must work under. Listens on 127.0.0.1 only, on a free port.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

// The policy the README recommends for any host.
export const CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
};

async function fileFor(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return fileFor(root, join(rel, 'index.html'));
    return file;
  } catch {
    return null;
  }
}

/**
 * Starts serving `root`; resolves to `{ url, close }`. `extra` maps paths
 * outside the site (test tools) to JavaScript sources, served cacheable.
 * `csp: false` serves without the Content-Security-Policy, to see what the
 * markup alone would let run. `prefix` (e.g. `/jobb/`) serves the site
 * under that path, as a board built with a base URL ending in it is hosted;
 * every other path is a 404.
 */
export function serve(root, extra = {}, { csp = true, prefix = '/' } = {}) {
  const server = createServer(async (req, res) => {
    const full = new URL(req.url, 'http://localhost').pathname;
    const path = full.startsWith(prefix) ? '/' + full.slice(prefix.length) : null;
    if (full in extra) {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'max-age=3600' });
      res.end(extra[full]);
      return;
    }
    let file = path === null ? null : await fileFor(root, path);
    let status = 200;
    if (!file) {
      file = join(root, '404.html');
      status = 404;
    }
    try {
      const bytes = await readFile(file);
      res.writeHead(status, {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        ...(csp ? { 'Content-Security-Policy': CSP } : {}),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    } catch {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('cannot read ' + path);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
