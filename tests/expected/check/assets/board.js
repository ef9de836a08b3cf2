/* vacancy default theme, loaded with `defer`. It keeps "N days left" and the
   closed state true between builds, and turns a listing's filter panel (links
   that work without it) into a form that filters the list in place from the
   language's postings.json, the state kept in the URL query. It holds no text:
   strings come from the page (attributes on <body>, the JSON block beside the
   panel), written by the build. Cards are built with textContent only. */
(() => {
  'use strict';
  const doc = document;
  const body = doc.body;
  const pageLang = doc.documentElement.lang || undefined;
  const parse = (text) => { try { return JSON.parse(text); } catch (e) { return null; } };
  let rules = null;
  try { rules = new Intl.PluralRules(pageLang); } catch (e) { /* "other" for all */ }
  const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  const plural = (forms, n, vars) => {
    const form = forms && (forms[rules ? rules.select(n) : 'other'] || forms.other);
    return form ? fill(form, Object.assign({ n }, vars)) : String(n);
  };

  /* Days left */

  const dayForms = parse(body.dataset.daysLeft);
  const { lastDay, closed: closedText } = body.dataset;
  // A date alone means the end of that day, in the reader's time zone.
  const deadlineOf = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    const d = m ? new Date(+m[1], m[2] - 1, +m[3], 23, 59, 59, 999) : new Date(iso);
    return isNaN(d.getTime()) ? null : d;
  };
  const dayOf = (d) => Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);

  function refreshDays(root) {
    if (!dayForms || !lastDay || !closedText) return;
    const now = new Date();
    root.querySelectorAll('[data-deadline]').forEach((el) => {
      const deadline = deadlineOf(el.getAttribute('data-deadline') || '');
      if (!deadline) return;
      // Never reopen what the build closed: the reader's clock may be off.
      const closed = el.textContent.trim() === closedText || deadline <= now;
      const n = dayOf(deadline) - dayOf(now);
      const text = closed ? closedText : n <= 0 ? lastDay : plural(dayForms, n, {});
      if (el.textContent !== text) el.textContent = text;
      el.classList.toggle('is-soon', !closed && n <= 3);
      const box = el.closest('[data-posting]');
      if (!box) return;
      box.classList.toggle('is-closed', closed);
      if (!closed) return;
      box.querySelectorAll('[data-closed-banner]').forEach((b) => { b.hidden = false; });
      box.querySelectorAll('[data-open-only]').forEach((b) => { b.hidden = true; });
    });
  }
  refreshDays(doc);

  /* "New" on postings published in the last `new_days` days */

  const newDays = Number(body.dataset.newDays) || 0;
  // The first day a posting published on `iso` is no longer new.
  const newUntil = (iso) => {
    const d = deadlineOf(iso);
    return d ? dayOf(d) + newDays : null;
  };
  function refreshNew(root) {
    const today = dayOf(new Date());
    root.querySelectorAll('[data-new-until]').forEach((el) => {
      const until = deadlineOf(el.getAttribute('data-new-until') || '');
      if (until && dayOf(until) <= today) el.hidden = true;
    });
  }
  refreshNew(doc);

  /* Copying a posting's address */

  doc.querySelectorAll('[data-share-copy]').forEach((item) => {
    const { copy, label, copied } = item.dataset;
    if (!copy || !label || !navigator.clipboard) return;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = label;
    const status = doc.createElement('span');
    status.className = 'share-status';
    status.setAttribute('role', 'status');
    item.append(button, ' ', status);
    item.hidden = false;
    button.addEventListener('click', () => {
      navigator.clipboard.writeText(copy).then(() => { status.textContent = copied || ''; }, () => {});
    });
  });

  /* Filtering in place */

  // The form's groups: each is a query parameter and a checkbox name.
  const NAMES = ['location', 'employment', 'extent', 'workplace', 'category'];
  const finder = doc.querySelector('[data-finder]');
  const form = finder && finder.querySelector('[data-finder-form]');
  const S = finder && parse((finder.querySelector('[data-finder-strings]') || {}).textContent);
  if (!form || !S) return;
  // Without the postings, the form gives way to the links beside it.
  const fallback = () => {
    const href = finder.dataset.fallbackCss;
    if (!href || doc.querySelector('link[data-fallback]')) return;
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.setAttribute('data-fallback', '');
    doc.head.append(link);
  };
  if (!window.fetch || !window.URLSearchParams) {
    fallback();
    return;
  }
  // A change made before the postings arrive is kept, not reset.
  let touched = false;
  form.addEventListener('input', () => { touched = true; });
  form.addEventListener('change', () => { touched = true; });
  fetch(new URL(finder.dataset.src, location.href), { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : null))
    .then((data) => {
      if (data && data.version === 2 && data.postings) enhance(data.postings, data.generated || '');
      else fallback();
    })
    .catch(fallback);

  const el = (tag, attrs, text) => {
    const e = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => e.setAttribute(k, attrs[k]));
    if (text != null) e.textContent = text;
    return e;
  };
  // Folds text as the build's search index does (src/feeds/search.rs,
  // `fold_into`): lower case, no accents or Arabic short vowels, no tatweel, the
  // Arabic letters often written for one another made one, ß as ss.
  const fold = (s) => (s || '').toLowerCase().normalize('NFD').replace(/[\p{M}\u0640]/gu, '')
    .replace(/\u0671/g, '\u0627').replace(/\u0649/g, '\u064A').replace(/\u0629/g, '\u0647').replace(/ß/g, 'ss');
  const wordsOf = (s) => fold(s).split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean);
  const same = (a, b) => a.length === b.length && a.every((v) => b.includes(v));
  // Links only to this site's pages, never a script URL from the data.
  const safePath = (path) => {
    const url = new URL(path || '', location.href);
    return url.origin === location.origin ? url.pathname : '#';
  };

  // Binds to the form the build rendered: nothing is added above the list.
  function enhance(postings, version) {
    const results = doc.querySelector('[data-results]');
    const details = form.querySelector('details');
    const input = form.querySelector('input[name="q"]');
    const submit = form.querySelector('[type="submit"]');
    if (!results || !details || !input || !submit) return;
    const original = results.querySelector('.cards, .empty');
    const countEl = doc.querySelector('[data-finder-count]') || el('p');
    const originalCount = countEl.textContent;
    const badge = form.querySelector('.finder-badge') || el('span');
    const clear = form.querySelector('.finder-clear');
    const radios = Array.from(form.querySelectorAll('input[name="sort"]'));
    const boxes = {};
    NAMES.forEach((g) => { boxes[g] = Array.from(form.querySelectorAll(`input[type="checkbox"][name="${g}"]`)); });
    const countOf = (box) => (box.labels && box.labels[0] && box.labels[0].querySelector('[data-count]')) || el('span');
    const level = Math.min(6, Math.max(2, +finder.dataset.level || 3));
    const langs = {};
    S.languages.forEach((l) => { langs[l.code] = l; });

    // Per posting: its terms in each group and the text a search looks in.
    const items = postings.map((p, i) => {
      const terms = {
        location: p.locations, category: p.categories,
        employment: [p.employment], extent: [p.extent], workplace: [p.workplace],
      };
      const keys = {};
      NAMES.forEach((g) => { keys[g] = terms[g].map((t) => t.key); });
      // Where a search word counts most first: title, summary, the rest of the card.
      const texts = [p.title, p.summary, [p.organization, p.unit].concat(p.locations.map((t) => t.label)).join(' ')].map(fold);
      return { p, i, keys, texts, due: +(deadlineOf(p.deadline) || 8.64e15) };
    });

    // The page's own state, as the build rendered the form: its order, and
    // on a term page its term ticked.
    const defSort = finder.dataset.sort === 'soonest' ? 'soonest' : 'newest';
    const defSel = {};
    NAMES.forEach((g) => { defSel[g] = boxes[g].filter((b) => b.defaultChecked).map((b) => b.value); });

    // A group in the query replaces the page's default, even when empty (`location=`).
    function readState() {
      const q = new URLSearchParams(location.search);
      const sort = q.get('sort');
      const st = { q: q.get('q') || '', sort: sort === 'newest' || sort === 'soonest' ? sort : defSort, sel: {} };
      NAMES.forEach((g) => {
        st.sel[g] = q.has(g) ? q.getAll(g).filter((v) => boxes[g].some((b) => b.value === v)) : defSel[g].slice();
      });
      return st;
    }
    function urlOf(st) {
      const q = new URLSearchParams();
      if (st.q.trim()) q.set('q', st.q.trim());
      NAMES.forEach((g) => {
        if (same(st.sel[g], defSel[g])) return;
        if (!st.sel[g].length) q.append(g, '');
        st.sel[g].forEach((v) => q.append(g, v));
      });
      if (st.sort !== defSort) q.set('sort', st.sort);
      return location.pathname + (q.toString() ? '?' + q : '');
    }
    const isDefault = (st) => !st.q.trim() && st.sort === defSort && NAMES.every((g) => same(st.sel[g], defSel[g]));
    /* The search index of the postings' texts, fetched on the first keystroke */

    const searchBase = new URL('search/', new URL(finder.dataset.src, location.href));
    const fresh = '?v=' + encodeURIComponent(version);
    let meta = null;
    const shards = new Map();
    const bodyHits = new Map();
    const loadMeta = () => {
      meta = meta || fetch(new URL('index.json' + fresh, searchBase), { credentials: 'same-origin' })
        .then((r) => (r.ok ? r.json() : null))
        // Only an index made with these postings numbers them right.
        .then((m) => (m && m.version === 1 && m.generated === version && m.postings === items.length ? m : null))
        .catch(() => null);
      return meta;
    };
    const loadShard = (n) => {
      if (!shards.has(n)) {
        shards.set(n, fetch(new URL(n + '.json' + fresh, searchBase), { credentials: 'same-origin' })
          .then((r) => (r.ok ? r.json() : null))
          .catch(() => null));
      }
      return shards.get(n);
    };
    // The postings whose text holds the word; a word of three letters or
    // more also finds the words it begins ("säkerhet" finds
    // "säkerhetsprövning"). At most four shards a word.
    function hitsOf(word) {
      if (!bodyHits.has(word)) {
        const prefix = word.length >= 3;
        const high = prefix ? word + '\uffff' : word;
        bodyHits.set(word, word.length < 2 ? Promise.resolve(new Set()) : loadMeta().then((m) => {
          if (!m) return new Set();
          const wanted = m.shards.map((_, n) => n)
            .filter((n) => m.shards[n] <= high && (n + 1 === m.shards.length || m.shards[n + 1] > word))
            .slice(0, 4);
          return Promise.all(wanted.map(loadShard)).then((files) => {
            const hits = new Set();
            files.forEach((f) => {
              if (!f) return;
              let lo = 0;
              let hi = f.words.length;
              while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (f.words[mid] < word) lo = mid + 1; else hi = mid;
              }
              for (let k = lo; k < f.words.length && (prefix ? f.words[k].startsWith(word) : f.words[k] === word); k++) {
                let n = 0;
                f.postings[k].forEach((d) => { n += d; hits.add(n); });
              }
            });
            return hits;
          });
        }));
      }
      return bodyHits.get(word);
    }
    // Every word's postings, when all are known.
    const hitsFor = (words) => Promise.all(words.map(hitsOf))
      .then((sets) => { const by = {}; words.forEach((w, k) => { by[w] = sets[k]; }); return by; });

    // How well a posting answers the search words: for each, 8 in the title,
    // 4 in the summary, 2 elsewhere on the card, 1 in the text; 0 when a word
    // is nowhere.
    function score(it, words, hits) {
      let sum = 0;
      for (const w of words) {
        const s = it.texts[0].includes(w) ? 8 : it.texts[1].includes(w) ? 4 : it.texts[2].includes(w) ? 2
          : hits[w] && hits[w].has(it.i) ? 1 : 0;
        if (!s) return 0;
        sum += s;
      }
      return sum;
    }
    // OR within a group, AND across groups and search words; `skip` ignores one group.
    function matching(st, skip, hits) {
      const words = wordsOf(st.q);
      return items.filter((it) => NAMES.every((g) => g === skip || !st.sel[g].length || it.keys[g].some((k) => st.sel[g].includes(k)))
        && (!words.length || score(it, words, hits) > 0));
    }

    /* State <-> form, list, count and URL */

    results.setAttribute('tabindex', '-1');
    let shown = null;
    const formState = () => {
      const checked = radios.find((r) => r.checked);
      const st = { q: input.value, sort: checked && checked.value === 'soonest' ? 'soonest' : 'newest', sel: {} };
      NAMES.forEach((g) => { st.sel[g] = boxes[g].filter((b) => b.checked).map((b) => b.value); });
      return st;
    };
    const setForm = (st) => {
      input.value = st.q;
      radios.forEach((r) => { r.checked = r.value === st.sort; });
      NAMES.forEach((g) => boxes[g].forEach((b) => { b.checked = st.sel[g].includes(b.value); }));
    };
    const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };

    function render(st, hits) {
      const list = matching(st, null, hits);
      const words = wordsOf(st.q);
      const scores = new Map(list.map((it) => [it, words.length ? score(it, words, hits) : 0]));
      // The best match first, then the order chosen.
      list.sort((a, b) => scores.get(b) - scores.get(a)
        || (st.sort === 'soonest' ? a.due - b.due : 0) || a.i - b.i);
      const own = isDefault(st);
      if (shown) shown.remove();
      shown = null;
      // The page's own list (and its pages) when nothing is chosen.
      if (original) original.hidden = !own;
      doc.querySelectorAll('.pagination, .count-page').forEach((p) => { p.hidden = !own; });
      if (!own) {
        shown = list.length ? el('ul', { class: 'cards' }) : el('p', { class: 'empty' }, S.filters.none);
        list.forEach((it) => shown.append(card(it.p)));
        results.append(shown);
        refreshDays(shown);
      }
      // The count is an aria-live region: changing it announces the result.
      setText(countEl, own ? originalCount : plural(S.filters.matching, list.length, { total: items.length }));
      setText(submit, plural(S.filters.show, list.length, {}));
      // What each choice would give, the other groups as they are.
      NAMES.forEach((g) => {
        const base = matching(st, g, hits);
        boxes[g].forEach((b) => {
          setText(countOf(b), `(${base.filter((it) => it.keys[g].includes(b.value)).length})`);
        });
      });
      const picked = NAMES.reduce((n, g) => n + st.sel[g].length, 0);
      setText(badge, picked ? plural(S.filters.selected, picked, {}) : '');
      badge.hidden = !picked;
    }

    // Shows a state once the words' postings are known; a later call wins.
    let showing = 0;
    function show(st) {
      const seq = ++showing;
      return hitsFor(wordsOf(st.q)).then((hits) => { if (seq === showing) render(st, hits); });
    }
    function update(push) {
      const st = formState();
      const url = urlOf(st);
      if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
      return show(st);
    }
    let typing = 0;
    form.addEventListener('change', (e) => { if (e.target !== input) update(true); });
    // Typing replaces the history entry instead of adding one per key.
    input.addEventListener('input', () => {
      if (input.value.trim()) loadMeta();
      clearTimeout(typing);
      typing = setTimeout(() => update(false), 300);
    });
    // Changes apply at once; the button says how many match and takes the
    // reader to them.
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(typing);
      update(true).then(() => results.focus());
    });
    if (clear) {
      clear.addEventListener('click', () => {
        input.value = '';
        NAMES.forEach((g) => boxes[g].forEach((b) => { b.checked = false; }));
        update(true);
      });
    }
    window.addEventListener('popstate', () => {
      const st = readState();
      setForm(st);
      show(st);
    });

    const ready = () => { finder.dataset.ready = ''; };
    if (touched) {
      update(false).then(ready);
    } else {
      const start = readState();
      setForm(start);
      if (NAMES.some((g) => !same(start.sel[g], defSel[g]))) details.open = true;
      // The page as built, unless its address asks for a search.
      if (start.q.trim()) {
        show(start).then(ready);
      } else {
        render(start, {});
        ready();
      }
    }

    /* A card, as the template's card macro writes it */
    function card(p) {
      // One in another language is laid out whole in its own language and
      // direction; the listing's own words in it keep the page's language.
      const foreign = p.lang !== pageLang;
      const own = langs[p.lang] || {};
      const li = el('li', Object.assign({ class: 'card', 'data-posting': '' }, foreign ? { lang: p.lang, dir: own.dir || 'auto' } : {}));
      // The page's words: `page` on their block, `piece` on each of them.
      const page = foreign ? { lang: pageLang } : {};
      const piece = foreign ? { dir: doc.documentElement.dir || 'auto' } : {};
      const block = (tag, cls, text) => el(tag, { class: cls }, text);
      const h = el('h' + level, { class: 'card-title' });
      h.append(el('a', Object.assign({ href: safePath(p.path) }, foreign ? { hreflang: p.lang } : {}), p.title));
      li.append(h);
      if (foreign) {
        const name = S.language_name[p.lang] || own.name || p.lang;
        li.append(el('p', Object.assign({ class: 'card-lang' }, page, piece), fill(S.in_language, { language: name })));
      }
      const until = newDays && body.dataset.new ? newUntil(p.published) : null;
      if (until !== null && dayOf(new Date()) < until) li.append(el('p', Object.assign({ class: 'card-new' }, page, piece), body.dataset.new));
      const org = [p.organization !== S.organization && p.organization, p.unit].filter(Boolean);
      if (org.length) li.append(block('p', 'card-org', org.join(own.separator || S.list_separator)));
      const meta = el('ul', Object.assign({ class: 'meta' }, page));
      p.locations.forEach((l) => meta.append(el('li', null, l.label)));
      const facts = [];
      if (p.workplace.key !== 'onsite') facts.push(p.workplace.label);
      facts.push(p.employment.label, p.extent.label);
      if (p.salary && p.salary_text) facts.push(p.salary_text);
      facts.forEach((f) => {
        const li = el('li');
        li.append(el('span', piece, f));
        meta.append(li);
      });
      li.append(meta);
      if (p.summary) li.append(block('p', 'card-summary', p.summary));
      const due = el('p', Object.assign({ class: 'card-deadline' }, page));
      due.append(el('span', Object.assign({ class: 'label' }, piece), S.fact.deadline + ':'), ' ',
        el('time', Object.assign({ datetime: p.deadline }, piece), p.deadline_text), ' ',
        el('span', Object.assign({ class: 'days-left', 'data-deadline': p.deadline }, piece)));
      li.append(due);
      return li;
    }
  }
})();
