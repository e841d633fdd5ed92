/*
 * The post editor (views/admin/posts/edit.ejs), loaded with defer. Without it the form still saves.
 *  - Live preview: the text goes to POST /admin/preview (the public renderer) as you type.
 *  - Nothing lost: unsaved title/summary/description/content are copied to localStorage and offered
 *    back on the next visit when they differ from the saved text; leaving with unsaved changes asks.
 *  - Ctrl+S / ⌘+S saves; the slug follows the title (new posts) until edited by hand;
 *    Publish at shows its UTC equivalent.
 */
(function () {
  'use strict';

  var form = document.querySelector('form[data-editor]');
  if (!form) return;

  var DEBOUNCE_MS = 300;
  var SUBMITTED = 'byline:submitted-draft';
  var TEXT_FIELDS = ['title', 'summary', 'description', 'content'];
  var draftKey = form.getAttribute('data-draft-key');
  var isNew = form.getAttribute('data-new') === 'true';
  var timeZone = form.getAttribute('data-time-zone') || 'UTC';
  var field = function (name) {
    return form.elements.namedItem(name);
  };
  var dirty = false;

  /* ---------------------------------------------------------- storage -- */

  function store(kind) {
    try {
      return kind === 'session' ? window.sessionStorage : window.localStorage;
    } catch {
      return null;
    }
  }

  function readDraft() {
    var s = store('local');
    if (!s) return null;
    try {
      var draft = JSON.parse(s.getItem(draftKey) || 'null');
      return draft && typeof draft === 'object' ? draft : null;
    } catch {
      return null;
    }
  }

  function currentText() {
    var text = {};
    TEXT_FIELDS.forEach(function (name) {
      text[name] = field(name) ? field(name).value : '';
    });
    return text;
  }

  function sameText(a, b) {
    return TEXT_FIELDS.every(function (name) {
      return (a[name] || '').replace(/\r\n?/g, '\n') === (b[name] || '').replace(/\r\n?/g, '\n');
    });
  }

  function saveDraft() {
    var s = store('local');
    if (!s) return;
    var draft = currentText();
    draft.savedAt = new Date().toISOString();
    try {
      s.setItem(draftKey, JSON.stringify(draft));
    } catch {
      /* storage full or disabled: the server copy is all there is */
    }
  }

  function dropDraft(key) {
    var s = store('local');
    if (s) s.removeItem(key || draftKey);
  }

  // A successful save lands back here with a success message: the copy it was made from is done with.
  (function clearAfterSave() {
    var session = store('session');
    if (!session) return;
    var submitted = session.getItem(SUBMITTED);
    session.removeItem(SUBMITTED);
    if (submitted && document.querySelector('.flash-success')) dropDraft(submitted);
  })();

  function offerDraft() {
    var draft = readDraft();
    var banner = document.querySelector('[data-draft-restore]');
    if (!draft || !banner) return;
    var serverText = currentText();
    if (sameText(draft, serverText)) {
      dropDraft();
      return;
    }
    var time = banner.querySelector('[data-draft-time]');
    var when = new Date(draft.savedAt);
    if (time && !isNaN(when.getTime())) {
      time.setAttribute('datetime', when.toISOString());
      time.textContent = when.toLocaleString();
    }
    banner.hidden = false;
    banner.querySelector('[data-draft-accept]').addEventListener('click', function () {
      TEXT_FIELDS.forEach(function (name) {
        if (field(name) && typeof draft[name] === 'string') field(name).value = draft[name];
      });
      banner.hidden = true;
      dirty = true;
      followTitle();
      schedulePreview();
      field('content').focus();
    });
    banner.querySelector('[data-draft-discard]').addEventListener('click', function () {
      dropDraft();
      banner.hidden = true;
    });
  }

  /* ---------------------------------------------------------- preview -- */

  var pane = document.querySelector('[data-preview-pane]');
  var timer = null;
  var sequence = 0;
  var controller = null;

  function setText(selector, text) {
    var el = pane && pane.querySelector(selector);
    if (!el) return null;
    el.textContent = text;
    return el;
  }

  function refreshPreview() {
    if (!pane || !window.fetch) return;
    var mine = ++sequence;
    if (controller) controller.abort();
    controller = window.AbortController ? new window.AbortController() : null;
    var body = currentText();
    body.publishAt = field('publishAt') ? field('publishAt').value : '';
    pane.setAttribute('aria-busy', 'true');
    window
      .fetch(form.getAttribute('data-preview-url'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-CSRF-Token': field('_csrf').value,
        },
        body: JSON.stringify(body),
        signal: controller ? controller.signal : undefined,
      })
      .then(function (res) {
        if (!res.ok) throw new Error('preview ' + res.status);
        return res.json();
      })
      .then(function (data) {
        if (mine !== sequence) return;
        setText('[data-preview-title]', body.title);
        var description = setText('[data-preview-description]', body.description);
        if (description) description.hidden = body.description.trim() === '';
        // Sanitized on the server by the public renderer, exactly as the post page shows it.
        pane.querySelector('[data-preview-meta]').innerHTML = data.metaHtml;
        pane.querySelector('[data-preview-content]').innerHTML = data.html;
      })
      .catch(function () {
        /* offline or signed out: the preview stays as it was; saving still works */
      })
      .then(function () {
        if (mine === sequence) pane.removeAttribute('aria-busy');
      });
  }

  function schedulePreview() {
    window.clearTimeout(timer);
    timer = setTimeout(refreshPreview, DEBOUNCE_MS);
  }

  /* ------------------------------------------------------------- slug -- */

  // The same rule as src/content/slug.ts.
  var SEPARATORS = /[\s\-_./\\:;|·•–—]+/gu;
  var NOT_SLUG_CHAR = /[^\p{L}\p{M}\p{N}-]/gu;

  function slugify(text) {
    var slug = text
      .normalize('NFC')
      .toLowerCase()
      .replace(SEPARATORS, '-')
      .replace(NOT_SLUG_CHAR, '')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '');
    return Array.from(slug).slice(0, 200).join('').replace(/-+$/, '');
  }

  var slugField = field('slug');
  var slugEcho = document.querySelector('[data-slug-echo]');
  var slugByHand = !isNew || (slugField.value !== '' && slugField.value !== slugify(field('title').value));

  function echoSlug() {
    if (slugEcho) slugEcho.textContent = slugField.value || slugify(field('title').value) || 'slug';
  }

  function followTitle() {
    if (!slugByHand) slugField.value = slugify(field('title').value);
    echoSlug();
  }

  slugField.addEventListener('input', function () {
    slugByHand = slugField.value !== '';
    echoSlug();
  });
  field('title').addEventListener('input', followTitle);

  /* ---------------------------------------------------------- publish at -- */

  var utcHint = document.querySelector('[data-utc-hint]');

  function offsetAt(ms) {
    var parts = {};
    new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(ms))
      .forEach(function (p) {
        parts[p.type] = Number(p.value);
      });
    var wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
    return wall - Math.floor(ms / 1000) * 1000;
  }

  // The same conversion as src/content/zoned-time.ts.
  function zonedToUtc(local) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
    if (!m) return null;
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    try {
      return new Date(wall - offsetAt(wall - offsetAt(wall)));
    } catch {
      return null;
    }
  }

  function showUtc() {
    if (!utcHint) return;
    var at = zonedToUtc(field('publishAt').value);
    utcHint.textContent = at ? ' (' + at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC)' : '';
  }

  if (field('publishAt')) {
    field('publishAt').addEventListener('input', function () {
      showUtc();
      schedulePreview();
    });
  }

  /* ------------------------------------------------- typing, saving, leaving -- */

  TEXT_FIELDS.forEach(function (name) {
    if (!field(name)) return;
    field(name).addEventListener('input', function () {
      dirty = true;
      saveDraft();
      schedulePreview();
    });
  });
  ['slug', 'tags', 'status', 'coverImage', 'publishAt'].forEach(function (name) {
    if (field(name)) field(name).addEventListener('change', function () {
      dirty = true;
    });
  });

  form.addEventListener('submit', function () {
    dirty = false;
    // A preview sent now would race the save for nothing: the page is about to be replaced.
    window.clearTimeout(timer);
    var session = store('session');
    if (session) session.setItem(SUBMITTED, draftKey);
    var state = document.querySelector('[data-save-state]');
    if (state) state.textContent = 'Saving…';
  });

  window.addEventListener('beforeunload', function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });

  document.addEventListener('keydown', function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === 's' || event.key === 'S')) {
      event.preventDefault();
      if (typeof form.requestSubmit === 'function') form.requestSubmit();
      else form.submit();
    }
  });

  offerDraft();
  echoSlug();
})();
