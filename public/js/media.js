// The media page's "Copy Markdown" buttons (admin.js asks before Delete, as on every admin page).
// Without scripts the Markdown stays visible in a read-only field to copy by hand.
(function () {
  'use strict';
  const status = document.getElementById('copy-status');
  const say = (text) => {
    if (status) status.textContent = text;
  };

  for (const button of document.querySelectorAll('button.copy-markdown')) {
    const field = document.getElementById(button.dataset.copyFrom || '');
    if (!field) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await window.navigator.clipboard.writeText(field.value);
        say('Markdown copied: ' + field.value);
      } catch {
        // No clipboard access (plain HTTP, old browser): select it so Ctrl+C / ⌘C copies it.
        field.focus();
        field.select();
        say('Press Ctrl+C (⌘C on a Mac) to copy the selected Markdown.');
      }
    });
  }
})();
