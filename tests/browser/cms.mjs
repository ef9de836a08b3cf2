// Drives the browser CMS (`vacancy cms`: Decap CMS with its local backend,
// decap-server) in Debian's Chromium, as an editor would:
//   node cms.mjs <preview-url> <screenshots-dir>
// 1. creates a posting through the form, in Swedish and English (title,
//    dates, a place, employment, extent, a contact with its role in each
//    language, the text), not a draft, and publishes it;
// 2. leaves the required title empty in a second one and checks that the
//    CMS refuses to save it;
// 3. opens two postings of the example board, one with a salary range and
//    one starting "by-agreement" with a salary in words, and saves each
//    with only a sentence added to its Swedish summary.
// The caller (tests/browser.rs) then runs `vacancy check` and `build` on
// the files written. The CMS script is pinned at unpkg; it is served here
// from the npm package of the same version, whose bytes match its
// Subresource Integrity hash.

import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';

const [base, shots] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'node_modules', 'decap-cms', 'dist');
const problems = [];

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(15000);
// The CMS rejects some of its own promises without a reason (an `undefined`
// error): those say nothing; any other error of the page is a problem.
// Leaving an entry the form refused asks to confirm: yes.
page.on('dialog', (d) => d.accept());
page.on('pageerror', (e) => {
  if (e.message && e.message !== 'undefined') problems.push(`page error: ${e.message}`);
});
await page.route('https://unpkg.com/**', (route) => {
  const file = join(dist, route.request().url().split('/dist/')[1] ?? '');
  if (existsSync(file)) {
    route.fulfill({ body: readFileSync(file), contentType: 'text/javascript' });
  } else {
    route.abort();
  }
});

const field = (name, locale) => page.locator(`[id^="${name}-field-"]`).nth(locale);

/// Publishes the entry; true when the CMS saved it (no unsaved changes left).
async function publish() {
  await page.getByText(/^Publicera$/).first().click();
  await page.getByText(/publicera nu/i).first().click();
  // Saved once the "unsaved changes" mark goes, within 15 s on a busy machine.
  for (let waited = 0; waited < 15000; waited += 250) {
    if ((await page.getByText(/osparade ändringar/i).count()) === 0) return true;
    await page.waitForTimeout(250);
  }
  return false;
}

async function choose(name, typed) {
  await field(name, 0).click({ force: true });
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
}

try {
  // The preview may still be making its first build: the page waits for it
  // and reloads itself, so the CMS is given a minute to appear.
  await page.goto(`${base}admin/`, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.getByRole('button', { name: /logga in/i }).click({ timeout: 60000 });
  await page.getByText('Lediga jobb').first().waitFor();
  await page.screenshot({ path: join(shots, 'cms-collection.png') });

  // 1. A new posting, in Swedish and English.
  await page.goto(`${base}admin/#/collections/postings/new`, { waitUntil: 'domcontentloaded' });
  await field('title', 0).waitFor();
  await field('draft', 0).click(); // on by default: this one is ready
  await field('title', 0).fill('Handläggare för e-tjänster');
  await field('title', 1).fill('Case officer for e-services');
  await field('published', 0).fill('2026-11-20');
  await field('deadline', 0).fill('2026-12-20');
  await page.getByRole('button', { name: /add ort/i }).first().click();
  await page.locator('[id^="item-field-"]').first().fill('Norrköping');
  await choose('employment', 'Tillsv');
  await choose('extent', 'Helt');
  await choose('experience', 'Minst 3');
  await field('text', 0).fill('Individuell lönesättning');
  await field('text', 1).fill('Individual salary setting');
  await field('draft', 0).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'cms-form.png') });
  const addContact = page.getByRole('button', { name: /add (kontaktpersoner|contacts)/i });
  await addContact.nth(0).click();
  await field('name', 0).fill('Anna Exempel');
  await field('role', 0).fill('Enhetschef');
  await addContact.nth(1).click();
  await field('name', 1).fill('Anna Exempel');
  await field('role', 1).fill('Head of unit');
  const bodies = page.locator('[contenteditable="true"]');
  await bodies.nth(0).click();
  await page.keyboard.type('Vi söker en handläggare för våra e-tjänster.');
  await bodies.nth(1).click();
  await page.keyboard.type('We are looking for a case officer for our e-services.');
  if (!(await publish())) problems.push('the new posting was not saved');

  // 2. A required field left empty: the CMS refuses to save.
  await page.goto(`${base}admin/#/collections/postings/new`, { waitUntil: 'domcontentloaded' });
  await field('title', 0).waitFor();
  await field('published', 0).fill('2026-11-20');
  if (await publish()) problems.push('a posting without a title was saved');
  const refused = await page.getByText(/obligatorisk|required/i).count();
  if (refused === 0) problems.push('a posting without a title was not refused');

  // 3. Existing postings: their facts are saved as they were.
  for (const slug of ['handlaggare-mottagning-gavle-vikariat', 'chef-internationella-sekretariatet']) {
    await page.goto(`${base}admin/#/collections/postings/entries/${slug}`, { waitUntil: 'domcontentloaded' });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await field('summary', 0).waitFor();
    await page.waitForTimeout(1000);
    await field('summary', 0).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Välkommen med din ansökan!');
    if (!(await publish())) problems.push(`${slug} was not saved`);
  }
} catch (e) {
  problems.push(`the CMS could not be driven: ${e.message.split('\n')[0]}`);
  await page.screenshot({ path: join(shots, 'cms-failure.png') }).catch(() => {});
}
await browser.close();
for (const p of problems) console.error(p);
process.exit(problems.length ? 1 : 0);
