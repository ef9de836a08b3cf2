// What a person does on the board, checked in the browser: the keyboard's
// skip link, the filter form board.js builds (facets, search, sort, the URL
// and the back button, the announced count, other languages' postings), and
// the days-left script and the "new" marks once the clock has moved on. Expected texts are read
// from the build (postings.json, the page's string block and data
// attributes), never written here, so the checks hold in every language.

import { join } from 'node:path';

import { context, open, watch } from './lib.mjs';

const LANGS = ['sv', 'en', 'ar'];

export async function interactions(browser, base, problem) {
  let checks = 0;
  const check = (ok, where, what) => {
    checks += 1;
    if (!ok) problem(where, what);
  };
  const ctx = await context(browser);
  const page = await ctx.newPage();
  let where = '';
  watch(page, () => where, problem);
  const step = async (name, fn) => {
    where = name;
    try {
      await fn();
    } catch (e) {
      problem(name, `failed: ${e.message.split('\n')[0]}`);
    }
  };

  for (const lang of LANGS) {
    await step(`/${lang}/ keyboard`, async () => {
      await open(page, `${base}/${lang}/`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        return { skip: a.classList.contains('skip-link'), visible: r.top >= 0 && r.bottom <= innerHeight && r.width > 0,
          outline: getComputedStyle(a).outlineStyle };
      });
      check(first.skip, where, 'the first Tab does not focus the skip link');
      check(first.visible, where, 'the focused skip link is not visible');
      check(first.outline !== 'none', where, 'the focused skip link has no focus outline');
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => document.activeElement.id);
      check(focused === 'main', where, `the skip link moves focus to #${focused || 'nothing'}, not #main`);
    });
  }

  for (const lang of LANGS) {
    const data = await (await fetch(`${base}/${lang}/postings.json`)).json();
    const all = data.postings;
    const having = (group, key) => (p) => (group === 'location' ? p.locations : p.categories).some((t) => t.key === key);
    const cards = () => page.$$eval('[data-results] .cards:not([hidden]) > li', (l) => l.length);
    const countText = () => page.textContent('[data-finder-count]');
    const strings = async () => JSON.parse(await page.textContent('[data-finder-strings]'));
    const plural = (forms, n, vars) => {
      const cat = new Intl.PluralRules(lang).select(n);
      return (forms[cat] || forms.other).replace(/\{(\w+)\}/g, (m, k) => (k === 'n' ? n : vars[k]));
    };

    await step(`/${lang}/ filter form`, async () => {
      await open(page, `${base}/${lang}/`);
      const s = await strings();
      const live = await page.getAttribute('[data-finder-count]', 'aria-live');
      check(live === 'polite', where, `the result count is not an aria-live="polite" region (${live})`);
      const before = await cards();
      const originalCount = await countText();
      check(before === Math.min(all.length, 20), where, `${before} cards before filtering, expected ${all.length}`);
      // The location with the most postings that is not all of them.
      const places = new Map();
      all.forEach((p) => p.locations.forEach((l) => places.set(l.key, (places.get(l.key) || 0) + 1)));
      const [place, n] = [...places].filter(([, c]) => c < all.length).sort((a, b) => b[1] - a[1])[0];
      await page.click('.filters > summary');
      await page.check(`input[name="location"][value="${place}"]`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-results] .cards:not([hidden]) > li').length === n, n);
      check(await cards() === n, where, `checking ${place} shows ${await cards()} cards, expected ${n}`);
      const announced = plural(s.filters.matching, n, { total: all.length });
      check((await countText()) === announced, where, `the count says "${await countText()}", expected "${announced}"`);
      let url = new URL(page.url());
      check(url.searchParams.getAll('location').join() === place, where, `the URL is ${url.search}, expected location=${place}`);

      // A second group narrows further (AND); a second place widens (OR).
      const kinds = [...new Set(all.filter(having('location', place)).map((p) => p.employment.key))];
      const kind = kinds[0];
      await page.check(`input[name="employment"][value="${kind}"]`);
      const both = all.filter((p) => having('location', place)(p) && p.employment.key === kind).length;
      await page.waitForFunction((n) => document.querySelectorAll('[data-results] .cards:not([hidden]) > li').length === n, both);
      check(await cards() === both, where, `${place} and ${kind}: ${await cards()} cards, expected ${both}`);
      const other = [...places.keys()].find((k) => k !== place);
      await page.check(`input[name="location"][value="${other}"]`);
      const either = all.filter((p) => (having('location', place)(p) || having('location', other)(p)) && p.employment.key === kind).length;
      await page.waitForFunction((n) => document.querySelectorAll('[data-results] .cards:not([hidden]) > li').length === n, either);
      check(await cards() === either, where, `${place} or ${other}, and ${kind}: ${await cards()} cards, expected ${either}`);

      // Back restores each earlier state, forward the later one.
      await page.goBack();
      await page.waitForFunction((n) => document.querySelectorAll('[data-results] .cards:not([hidden]) > li').length === n, both);
      check(!(await page.isChecked(`input[name="location"][value="${other}"]`)), where, 'back leaves the second place checked');
      await page.goBack();
      await page.goBack();
      await page.waitForFunction(() => !location.search);
      await page.waitForFunction((n) => document.querySelectorAll('[data-results] .cards:not([hidden]) > li').length === n, before);
      check(await cards() === before, where, `back to the start shows ${await cards()} cards, expected ${before}`);
      check(!(await page.isChecked(`input[name="location"][value="${place}"]`)), where, 'back to the start leaves the place checked');
      check((await countText()) === originalCount, where, `back to the start the count says "${await countText()}"`);
      await page.goForward();
      await page.waitForFunction((n) => document.querySelectorAll('[data-results] .cards:not([hidden]) > li').length === n, n);
      check(await page.isChecked(`input[name="location"][value="${place}"]`), where, 'forward does not check the place again');

      // Search: every posting with the word on its card is found (the
      // postings' texts may add more), those with it in the title first.
      const word = all[0].title.split(/\s+/).sort((a, b) => b.length - a.length)[0].replace(/[,.()–-]/g, '');
      await page.click('.finder-clear');
      await page.fill('#finder-q', word);
      const fold = (t) => (t || '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
      const onCard = all.filter((p) => fold([p.title, p.summary, p.organization, p.unit, ...p.locations.map((l) => l.label)].join(' ')).includes(fold(word)));
      const inTitle = onCard.filter((p) => fold(p.title).includes(fold(word))).map((p) => p.title);
      await page.waitForFunction((w) => new URL(location.href).searchParams.get('q') === w, word);
      await page.waitForFunction((n) => document.querySelectorAll('[data-results] .cards:not([hidden]) > li').length >= n, onCard.length);
      const found = await cards();
      const titles = await page.$$eval('[data-results] .cards:not([hidden]) .card-title', (l) => l.map((h) => h.textContent.replace(/\u00ad/g, '').trim()));
      check(found >= onCard.length, where, `searching "${word}" shows ${found} cards, expected at least ${onCard.length}`);
      check(titles.slice(0, inTitle.length).every((t) => inTitle.includes(t)), where,
        `searching "${word}": the postings with it in the title are not first (${titles.join(' | ')})`);
      // The submit button says how many match; Enter takes the reader to them.
      const finderStrings = JSON.parse(await page.textContent('[data-finder-strings]'));
      const forms = finderStrings.filters.show;
      const show = (forms[new Intl.PluralRules(lang).select(found)] || forms.other).replace('{n}', String(found));
      check((await page.textContent('.finder-submit')) === show, where, `the submit button says "${await page.textContent('.finder-submit')}", expected "${show}"`);
      await page.focus('#finder-q');
      await page.keyboard.press('Enter');
      check(await page.evaluate(() => document.activeElement === document.querySelector('[data-results]')), where, 'Enter in the search field does not move focus to the results');

      // Sort by deadline: the first card closes first.
      await page.fill('#finder-q', '');
      await page.check('#finder-sort-soonest');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'soonest');
      const firstDue = await page.getAttribute('[data-results] .cards:not([hidden]) > li time', 'datetime');
      const soonest = all.map((p) => p.deadline).sort((a, b) => new Date(a) - new Date(b))[0];
      check(firstDue === soonest, where, `closing soonest starts with ${firstDue}, expected ${soonest}`);

      // Postings in another language are cards in their own lang and dir,
      // the listing's words in them in the page's.
      const foreign = await page.$$eval('[data-results] .cards:not([hidden]) .card[lang]', (cs) => cs.map((c) => [c.lang, c.dir, c.querySelector('.card-deadline').lang]));
      for (const [l, d, words] of foreign) {
        check(l !== lang && (d === 'ltr' || d === 'rtl') && words === lang, where, `a card in ${l} (${d}) with its listing's words in ${words}`);
      }
      const expected = all.filter((p) => p.lang !== lang).length;
      check(foreign.length === expected, where, `${foreign.length} cards marked with another language, expected ${expected}`);
      check(foreign.every(([l, d]) => l && l !== lang && (d === 'ltr' || d === 'rtl')), where, `foreign cards lack lang or dir: ${JSON.stringify(foreign)}`);
    });

    await step(`/${lang}/ shared URL`, async () => {
      const p = all.find((x) => x.locations.length);
      const place = p.locations[0].key;
      const kind = p.employment.key;
      await open(page, `${base}/${lang}/soonest/?location=${encodeURIComponent(place)}&employment=${encodeURIComponent(kind)}`);
      const n = all.filter((x) => having('location', place)(x) && x.employment.key === kind).length;
      check(await cards() === n, where, `the shared URL shows ${await cards()} cards, expected ${n}`);
      check(await page.isChecked(`input[name="location"][value="${place}"]`), where, 'the shared URL does not check its place');
      check(await page.isChecked('#finder-sort-soonest'), where, 'the soonest page does not check its order');
    });

    await step(`/${lang}/ term page`, async () => {
      const place = all.find((x) => x.locations.length).locations[0].key;
      await open(page, `${base}/${lang}/locations/${place}/`);
      check(await page.isChecked(`input[name="location"][value="${place}"]`), where, 'a place page does not start with its place checked');
      const n = all.filter(having('location', place)).length;
      check(await cards() === n, where, `the place page shows ${await cards()} cards, expected ${n}`);
      await page.uncheck(`input[name="location"][value="${place}"]`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-results] .cards:not([hidden]) > li').length === n, all.length);
      check(new URL(page.url()).searchParams.has('location'), where, 'unchecking the page\'s own place is not kept in the URL');
    });
  }
  await ctx.close();

  // Copying a posting's address: the button the script shows, and what it says.
  const sharing = await context(browser);
  await sharing.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const spage = await sharing.newPage();
  watch(spage, () => where, problem);
  where = '/sv/jobs/tolksamordnare-goteborg-malmo/ copy link';
  try {
    await open(spage, `${base}/sv/jobs/tolksamordnare-goteborg-malmo/`);
    const button = spage.locator('[data-share-copy] button');
    check(await button.isVisible(), where, 'the copy button is not shown with the script');
    await button.click();
    await spage.waitForFunction(() => document.querySelector('.share-status').textContent !== '');
    const [said, copied, want, url] = await spage.evaluate(async () => {
      const b = document.querySelector('[data-share-copy]');
      return [document.querySelector('.share-status').textContent, await navigator.clipboard.readText(), b.dataset.copied, b.dataset.copy];
    });
    check(said === want, where, `says "${said}", expected "${want}"`);
    check(copied === url, where, `copied "${copied}", expected "${url}"`);
  } catch (e) {
    problem(where, `failed: ${e.message.split('\n')[0]}`);
  }
  await sharing.close();

  // The days-left script, ten days after the build: texts from the build's strings.
  const later = await context(browser, { now: '2026-12-03T10:00:00+01:00' });
  const lpage = await later.newPage();
  watch(lpage, () => where, problem);
  for (const lang of LANGS) {
    where = `/${lang}/ days left on 2026-12-03`;
    try {
      await open(lpage, `${base}/${lang}/`);
      const got = await lpage.evaluate(() => {
        const b = document.body;
        const seen = {};
        document.querySelectorAll('.days-left[data-deadline]').forEach((el) => { seen[el.dataset.deadline] = el.textContent; });
        return { forms: JSON.parse(b.dataset.daysLeft), last: b.dataset.lastDay, closed: b.dataset.closed, seen };
      });
      const want = (deadline, text) => {
        if (deadline in got.seen) check(got.seen[deadline] === text, where, `${deadline}: "${got.seen[deadline]}", expected "${text}"`);
        else check(false, where, `no card with deadline ${deadline}`);
      };
      const one = got.forms[new Intl.PluralRules(lang).select(1)] || got.forms.other;
      want('2026-12-01T23:59:59+01:00', got.closed);
      want('2026-12-03T23:59:59+01:00', got.last);
      want('2026-12-04T23:59:59+01:00', one.replace('{n}', '1'));
      const eight = (got.forms[new Intl.PluralRules(lang).select(8)] || got.forms.other).replace('{n}', '8');
      want('2026-12-11T23:59:59+01:00', eight);
      // A posting is marked new for `new_days` after it is published: the
      // script takes the mark off the day that ends.
      const marks = await lpage.evaluate(() => [...document.querySelectorAll('[data-new-until]')].map((e) => [e.dataset.newUntil, !e.hidden]));
      check(marks.length > 0, where, 'no posting was marked new in the build');
      for (const [until, shown] of marks) check(shown === (until > '2026-12-03'), where, `the "new" mark until ${until} is ${shown ? 'shown' : 'hidden'}`);
    } catch (e) {
      problem(where, `failed: ${e.message.split('\n')[0]}`);
    }
  }
  where = '/sv/jobs/praktik-kommunikationsavdelningen/ on 2026-12-03';
  try {
    await open(lpage, `${base}/sv/jobs/praktik-kommunikationsavdelningen/`);
    check(await lpage.isVisible('[data-closed-banner]'), where, 'the closed banner is hidden after the deadline');
    check(!(await lpage.isVisible('.apply')), where, 'the ways to apply are shown after the deadline');
  } catch (e) {
    problem(where, `failed: ${e.message.split('\n')[0]}`);
  }
  await later.close();
  return checks;
}

/** The home page, a posting and the open filter panel, phone and desktop, Swedish and Arabic. */
export async function screenshots(browser, base, dir) {
  let n = 0;
  for (const width of [375, 1280]) {
    const ctx = await context(browser, { viewport: { width, height: width < 600 ? 812 : 900 } });
    const page = await ctx.newPage();
    for (const lang of ['sv', 'ar']) {
      await open(page, `${base}/${lang}/`);
      await page.screenshot({ path: join(dir, `${lang}-home-${width}.png`), fullPage: true });
      await open(page, `${base}/${lang}/jobs/tolksamordnare-goteborg-malmo/`);
      await page.screenshot({ path: join(dir, `${lang}-posting-${width}.png`), fullPage: true });
      await open(page, `${base}/${lang}/`);
      await page.click('.filters > summary');
      const first = await page.$('input[name="location"]');
      if (first) await first.check();
      await page.waitForTimeout(100);
      await page.locator('.finder').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(dir, `${lang}-filters-${width}.png`), fullPage: true });
      n += 3;
    }
    await ctx.close();
  }
  return n;
}
