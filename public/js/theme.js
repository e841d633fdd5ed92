/*
 * Theme preference for Byline's reader's site.
 * Loaded in <head> (not deferred) so a saved choice applies before first paint.
 * Without JavaScript the page simply follows the system colour scheme and the
 * toggle stays hidden (site.css shows it only under html.js).
 */
(function () {
  'use strict';

  var KEY = 'pref-theme';
  var root = document.documentElement;

  function readSaved() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === 'dark' || value === 'light' ? value : null;
    } catch {
      return null;
    }
  }

  function save(value) {
    try {
      window.localStorage.setItem(KEY, value);
    } catch {
      /* storage unavailable (private mode, disabled): the choice lasts for this page only */
    }
  }

  function systemPrefersDark() {
    return !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }

  function currentTheme() {
    var set = root.dataset.theme;
    if (set === 'dark' || set === 'light') return set;
    return systemPrefersDark() ? 'dark' : 'light';
  }

  root.classList.add('js');

  var saved = readSaved();
  if (saved) root.dataset.theme = saved;

  document.addEventListener('DOMContentLoaded', function () {
    var toggle = document.getElementById('theme-toggle');
    if (!toggle) return;
    toggle.addEventListener('click', function () {
      var next = currentTheme() === 'dark' ? 'light' : 'dark';
      root.dataset.theme = next;
      save(next);
    });
  });
})();
