/*
 * Small behaviours shared by every admin page (loaded with defer; no dependencies).
 *  - data-confirm="Question?" on a form, a submit button, a button or a link: ask before acting.
 *  - data-copy="text" on a button: copy the text, then say "Copied" on the button for a moment.
 *  - <time datetime="…" data-local>: a tooltip with the moment in the browser's own time zone.
 * Without JavaScript the forms still work; they just don't ask first.
 */
(function () {
  'use strict';

  var COPIED_MS = 2000;

  /* ---------------------------------------------------------- confirm -- */

  function ask(message) {
    return window.confirm(message);
  }

  // Capture phase, so a "no" stops the submission before any other script's submit handler runs.
  document.addEventListener(
    'submit',
    function (event) {
      var form = event.target;
      if (!(form instanceof window.HTMLFormElement)) return;
      var submitter = event.submitter;
      var message =
        (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
      if (message && !ask(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  // Links and plain buttons (not submit buttons: those are asked once, in the submit handler).
  document.addEventListener(
    'click',
    function (event) {
      var el = event.target instanceof window.Element ? event.target.closest('[data-confirm]') : null;
      if (!el || el.tagName === 'FORM') return;
      var submits = el.form && (el.type === 'submit' || el.type === 'image');
      if (submits) return;
      if (!ask(el.getAttribute('data-confirm'))) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  /* ------------------------------------------------------------- copy -- */

  function copyText(text) {
    if (window.navigator.clipboard && window.isSecureContext) {
      return window.navigator.clipboard.writeText(text);
    }
    // Plain-HTTP hosts have no Clipboard API: fall back to a hidden textarea.
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'visually-hidden';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) resolve();
      else reject(new Error('copy refused'));
    });
  }

  function flashLabel(button, label) {
    if (!button.hasAttribute('data-copy-label')) button.setAttribute('data-copy-label', button.textContent);
    button.textContent = label;
    window.clearTimeout(button._copyTimer);
    button._copyTimer = setTimeout(function () {
      button.textContent = button.getAttribute('data-copy-label');
      button.removeAttribute('data-copy-label');
    }, COPIED_MS);
  }

  document.addEventListener('click', function (event) {
    var button = event.target instanceof window.Element ? event.target.closest('[data-copy]') : null;
    if (!button) return;
    event.preventDefault();
    copyText(button.getAttribute('data-copy')).then(
      function () {
        flashLabel(button, 'Copied');
      },
      function () {
        flashLabel(button, 'Copy failed');
      },
    );
  });

  /* -------------------------------------------------------- local time -- */

  var localFormat;
  try {
    localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    localFormat = null;
  }

  function localTimes(root) {
    if (!localFormat) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
    var times = root.querySelectorAll('time[datetime][data-local]');
    for (var i = 0; i < times.length; i++) {
      var when = new Date(times[i].getAttribute('datetime'));
      if (isNaN(when.getTime()) || times[i].hasAttribute('title')) continue;
      times[i].setAttribute('title', localFormat.format(when) + ' (' + zone + ')');
    }
  }

  localTimes(document);
})();
