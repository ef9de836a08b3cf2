/* vacancy default theme: keeps "N days left" and the closed state true
   between builds. Every string comes from the page (data attributes on
   <body>, written by the build from the language's string table); the
   script holds no text of its own. Loaded with `defer`, no inline code. */
(function () {
  'use strict';

  var body = document.body;
  var els = document.querySelectorAll('[data-deadline]');
  if (!body || !els.length) return;

  var forms;
  try {
    forms = JSON.parse(body.getAttribute('data-days-left') || 'null');
  } catch (e) {
    return;
  }
  var lastDay = body.getAttribute('data-last-day');
  var closedText = body.getAttribute('data-closed');
  if (!forms || !forms.other || !lastDay || !closedText) return;

  var rules = null;
  try {
    rules = new Intl.PluralRules(document.documentElement.lang || undefined);
  } catch (e) { /* no Intl: use the "other" form */ }

  // A deadline is a date-time with an offset, or a date: a date means the
  // end of that day (in the reader's time zone, the best the page can know).
  function parse(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (m) return new Date(+m[1], m[2] - 1, +m[3], 23, 59, 59, 999);
    var d = new Date(iso);
    return isNaN(d.getTime()) ? null : d;
  }

  // Calendar day number of a moment in the reader's time zone.
  function day(d) {
    return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
  }

  function daysLeft(n) {
    var form = forms[rules ? rules.select(n) : 'other'] || forms.other;
    return form.replace(/\{n\}/g, String(n));
  }

  var now = new Date();
  var today = day(now);

  Array.prototype.forEach.call(els, function (el) {
    var deadline = parse(el.getAttribute('data-deadline') || '');
    if (!deadline) return;
    // Never reopen what the build already closed (the reader's clock may be off).
    var closed = el.textContent.trim() === closedText || deadline.getTime() <= now.getTime();
    var n = day(deadline) - today;
    var text = closed ? closedText : n <= 0 ? lastDay : daysLeft(n);
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle('is-soon', !closed && n <= 3);

    var box = el.closest('[data-posting]');
    if (!box) return;
    box.classList.toggle('is-closed', closed);
    // A posting page: show the closed banner, hide the ways to apply.
    if (closed) {
      Array.prototype.forEach.call(box.querySelectorAll('[data-closed-banner]'), function (b) {
        b.hidden = false;
      });
      Array.prototype.forEach.call(box.querySelectorAll('[data-open-only]'), function (b) {
        b.hidden = true;
      });
    }
  });
})();
