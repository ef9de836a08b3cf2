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
      if (data && data.version === 2 && data.postings) enhance(data.postings);
      else fallback();
    })
    .catch(fallback);

  const el = (tag, attrs, text) => {
    const e = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => e.setAttribute(k, attrs[k]));
    if (text != null) e.textContent = text;
    return e;
  };
  const norm = (s) => (s || '').toLocaleLowerCase(pageLang).normalize('NFD').replace(/\p{M}/gu, '');
  const same = (a, b) => a.length === b.length && a.every((v) => b.includes(v));
  // Links only to this site's pages, never a script URL from the data.
  const safePath = (path) => {
    const url = new URL(path || '', location.href);
    return url.origin === location.origin ? url.pathname : '#';
  };

  // Binds to the form the build rendered: nothing is added above the list.
  function enhance(postings) {
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
      const text = norm([p.title, p.summary, p.organization, p.unit].concat(p.locations.map((t) => t.label)).join(' '));
      return { p, i, keys, text, due: +(deadlineOf(p.deadline) || 8.64e15) };
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
    // OR within a group, AND across groups and search words; `skip` ignores one group.
    function matching(st, skip) {
      const words = norm(st.q).split(/\s+/).filter(Boolean);
      return items.filter((it) => words.every((w) => it.text.includes(w))
        && NAMES.every((g) => g === skip || !st.sel[g].length || it.keys[g].some((k) => st.sel[g].includes(k))));
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

    function render(st) {
      const list = matching(st, null);
      if (st.sort === 'soonest') list.sort((a, b) => a.due - b.due || a.i - b.i);
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
        const base = matching(st, g);
        boxes[g].forEach((b) => {
          setText(countOf(b), `(${base.filter((it) => it.keys[g].includes(b.value)).length})`);
        });
      });
      const picked = NAMES.reduce((n, g) => n + st.sel[g].length, 0);
      setText(badge, picked ? plural(S.filters.selected, picked, {}) : '');
      badge.hidden = !picked;
    }

    function update(push) {
      const st = formState();
      const url = urlOf(st);
      if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
      render(st);
    }
    let typing = 0;
    form.addEventListener('change', (e) => { if (e.target !== input) update(true); });
    // Typing replaces the history entry instead of adding one per key.
    input.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => update(false), 300);
    });
    // Changes apply at once; the button says how many match and takes the
    // reader to them.
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(typing);
      update(true);
      results.focus();
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
      render(st);
    });

    if (touched) {
      update(false);
    } else {
      const start = readState();
      setForm(start);
      if (NAMES.some((g) => !same(start.sel[g], defSel[g]))) details.open = true;
      render(start);
    }
    finder.dataset.ready = '';

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
