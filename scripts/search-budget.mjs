// What the finder's search fetches from a built board's search index, as
// board.js chooses the shards: for every word of the index typed whole and
// for every three-letter beginning, `index.json` plus the shards (at most
// four) whose ranges hold it, gzip-compressed as a server would send them.
//
//   node scripts/search-budget.mjs output/sv/search
//
// Prints the index's size, raw and compressed, and the median and largest
// fetch per word; BENCHMARKS.md quotes it for the synthetic boards.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/search-budget.mjs <built-site>/<lang>/search');
  process.exit(2);
}
const read = (name) => readFileSync(join(dir, name));
const gz = (bytes) => gzipSync(bytes, { level: 6 }).length;
const kib = (n) => (n / 1024).toFixed(1) + ' KiB';
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const metaBytes = read('index.json');
const meta = JSON.parse(metaBytes);
const shards = meta.shards.map((_, n) => {
  const bytes = read(`${n}.json`);
  return { raw: bytes.length, gz: gz(bytes), words: JSON.parse(bytes).words };
});
const metaGz = gz(metaBytes);

// The shards board.js fetches for a word (its `hitsOf`).
const fetched = (word) => {
  const high = word.length >= 3 ? word + '\uffff' : word;
  const s = meta.shards;
  const all = s.map((_, n) => n).filter((n) => s[n] <= high && (n + 1 === s.length || s[n + 1] > word));
  return { bytes: metaGz + all.slice(0, 4).reduce((sum, n) => sum + shards[n].gz, 0), spans: all.length };
};

const words = shards.flatMap((s) => s.words);
const whole = words.map((w) => fetched(w).bytes);
const starts = [...new Set(words.filter((w) => w.length >= 3).map((w) => w.slice(0, 3)))].map(fetched);
const sizes = shards.map((s) => s.gz);
console.log(`${meta.postings} postings, ${words.length} words, ${shards.length} shards`);
console.log(`index: ${kib(metaBytes.length + shards.reduce((a, s) => a + s.raw, 0))} raw, ${kib(metaGz + sizes.reduce((a, b) => a + b, 0))} gzip; index.json ${kib(metaGz)} gzip`);
console.log(`a shard (gzip): median ${kib(median(sizes))}, largest ${kib(Math.max(...sizes))}`);
console.log(`a word typed whole: median ${kib(median(whole))}, largest ${kib(Math.max(...whole))}`);
console.log(`three letters (${starts.length}): median ${kib(median(starts.map((f) => f.bytes)))}, largest ${kib(Math.max(...starts.map((f) => f.bytes)))}, spanning more than four shards: ${starts.filter((f) => f.spans > 4).length}`);
