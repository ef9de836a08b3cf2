// The finder's search over the postings' texts, in headless Chromium, on a
// board built under a sub-path and served there (tests/fixtures/search):
//
//   node search.mjs <built-site-dir> <sub-path, e.g. /jobb/>
//
// - nothing of the search index is fetched before the reader types;
// - a word found only in one posting's text finds that posting, and only it;
// - words are folded: no accents typed still finds words with them, and in
//   Arabic, short vowels and the letters often written for one another;
// - a word in one posting's title, another's summary and a third's text
//   lists them in that order, whatever their dates;
// - a word found nowhere shows the "no match" text.
// Expected postings are read from the fixture's own postings.json. Exits 1
// listing every problem.

import { resolve } from 'node:path';

import { context, launch, open, watch } from './lib.mjs';
import { serve } from './server.mjs';

const [siteArg, prefix] = process.argv.slice(2);
if (!siteArg || !prefix) {
  console.error('usage: node search.mjs <built-site-dir> <sub-path>');
  process.exit(2);
}

const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);
const server = await serve(resolve(siteArg), {}, { prefix });
const base = server.url + prefix.replace(/\/$/, '');
const browser = await launch();
let checks = 0;
const check = (ok, where, what) => {
  checks += 1;
  if (!ok) problem(where, what);
};

const titlesShown = (page) => page.$$eval('[data-results] .cards:not([hidden]) .card-title',
  (l) => l.map((h) => h.textContent.replace(/\u00ad/g, '').trim()));

try {
  const ctx = await context(browser, { now: '2026-03-01T12:00:00+01:00' });
  const page = await ctx.newPage();
  let where = '';
  watch(page, () => where, problem);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));

  // Types `query` and waits for the URL to hold it and the list to settle.
  const search = async (query) => {
    await page.fill('#finder-q', query);
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, query);
    await page.waitForTimeout(100);
    return titlesShown(page);
  };

  for (const [lang, cases] of Object.entries({
    sv: [
      // [typed, the titles expected, in order]
      ['kubernetes', ['Systemutvecklare']],
      ['kuber', ['Systemutvecklare']],
      ['sakerhetsskyddslagen', ['Systemutvecklare']],
      ['arkiv', ['Arkivarie', 'Registrator', 'Systemutvecklare']],
      ['Arkiv Malmo', ['Registrator']],
      ['kubernetesx', []],
    ],
    ar: [
      ['مستشفي', ['مترجم فوري للغة العربية']],
      ['احيانا', ['مترجم فوري للغة العربية']],
    ],
  })) {
    where = `${prefix}${lang}/ search`;
    requested.length = 0;
    await open(page, `${base}/${lang}/`);
    const data = await (await fetch(`${base}/${lang}/postings.json`)).json();
    const titles = new Set(data.postings.map((p) => p.title));
    check(!requested.some((p) => p.includes('/search/')), where,
      `the search index was fetched before typing: ${requested.filter((p) => p.includes('/search/')).join(', ')}`);
    for (const [query, expected] of cases) {
      for (const t of expected) check(titles.has(t), where, `the fixture has no posting "${t}"`);
      const shown = await search(query);
      check(JSON.stringify(shown) === JSON.stringify(expected), `${where} "${query}"`,
        `shows ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`);
      if (!expected.length) {
        const empty = await page.$eval('[data-results] .empty:not([hidden])', (e) => e.textContent).catch(() => null);
        check(Boolean(empty), `${where} "${query}"`, 'no "no match" text');
      }
    }
    const index = requested.filter((p) => p.includes('/search/'));
    check(index.length > 0 && index.every((p) => p.startsWith(`${prefix}${lang}/search/`)), where,
      `the index was fetched from ${JSON.stringify(index)}, not under ${prefix}${lang}/search/`);
  }
  await ctx.close();
} finally {
  await browser.close();
  await server.close();
}

if (problems.length) {
  console.log(`${problems.length} problems:`);
  for (const p of problems) console.log(`- ${p}`);
  process.exitCode = 1;
} else {
  console.log(`search: ${checks} checks passed under ${prefix}`);
}
