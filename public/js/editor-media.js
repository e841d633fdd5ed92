/*
 * Images dropped or pasted into the Content field are uploaded to the media library and their
 * Markdown is inserted where the cursor is. Without JavaScript, the Media page does the same job.
 */
(function () {
  'use strict';
  var content = document.getElementById('content');
  var form = content && content.form;
  if (!form) return;
  var tokenField = form.querySelector('input[name="_csrf"]');
  var status = document.createElement('p');
  status.className = 'field-hint upload-status';
  status.setAttribute('role', 'status');
  content.insertAdjacentElement('afterend', status);

  function insertAtCursor(text) {
    var start = content.selectionStart;
    var end = content.selectionEnd;
    var before = content.value.slice(0, start);
    var gap = before && !/\n$/.test(before) ? '\n\n' : '';
    content.value = before + gap + text + '\n' + content.value.slice(end);
    var cursor = (before + gap + text + '\n').length;
    content.setSelectionRange(cursor, cursor);
    content.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function wait(seconds) {
    return new Promise(function (resolve) {
      setTimeout(resolve, seconds * 1000);
    });
  }

  // A busy server answers 429 or 503 with Retry-After: the image is sent again then, a few times.
  function upload(file, attempt) {
    attempt = attempt || 1;
    var body = new FormData();
    body.append('file', file);
    body.append('alt', file.name.replace(/\.[^.]+$/, ''));
    status.textContent = 'Uploading ' + file.name + '…';
    return fetch('/admin/media', {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRF-Token': tokenField ? tokenField.value : '' },
    })
      .then(function (res) {
        var retryAfter = Number(res.headers.get('Retry-After'));
        if ((res.status === 429 || res.status === 503) && retryAfter > 0 && attempt < 4) {
          var seconds = Math.min(retryAfter, 60);
          status.textContent = 'The server is busy: ' + file.name + ' will be sent again in ' + seconds + ' seconds.';
          return wait(seconds).then(function () {
            return upload(file, attempt + 1);
          });
        }
        return res.json().then(
          function (data) {
            if (!res.ok) throw new Error(data.error || 'Upload failed (' + res.status + ').');
            insertAtCursor(data.markdown);
            status.textContent = 'Uploaded ' + file.name + '.';
          },
          function () {
            throw new Error(res.status === 401 ? 'You were signed out: sign in again, then drop the image again.' : 'Upload failed (' + res.status + ').');
          },
        );
      })
      .catch(function (err) {
        status.textContent = err.message;
      });
  }

  function imagesOf(list) {
    return Array.prototype.filter.call(list || [], function (f) {
      return /^image\//.test(f.type);
    });
  }

  content.addEventListener('dragover', function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') >= 0) {
      event.preventDefault();
    }
  });
  content.addEventListener('drop', function (event) {
    var files = imagesOf(event.dataTransfer && event.dataTransfer.files);
    if (files.length === 0) return;
    event.preventDefault();
    files.reduce(function (done, file) {
      return done.then(function () {
        return upload(file);
      });
    }, Promise.resolve());
  });
  content.addEventListener('paste', function (event) {
    var files = imagesOf(event.clipboardData && event.clipboardData.files);
    if (files.length === 0) return;
    event.preventDefault();
    upload(files[0]);
  });
})();
