// The admin's editor, made livelier: word count, a slug proposed from the title,
// a Markdown toolbar, autosave every few seconds, a warning before leaving with
// unsaved changes, a live preview, and who else has the article open.
// Everything here is an addition: the forms work without it.

// A button with data-confirm asks before its form goes (erasing for good).
document.addEventListener('submit', (event) => {
  const button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) event.preventDefault();
});

(function () {
  'use strict';
  const form = document.getElementById('article-form');
  if (!form) return;

  const AUTOSAVE_MS = 5000;
  const PRESENCE_MS = 15000;
  const PREVIEW_DELAY_MS = 1200;
  const body = form.querySelector('#body');
  const title = form.querySelector('#title');
  const slug = form.querySelector('#slug');
  const status = document.getElementById('autosave-status');
  const key = form.dataset.autosaveKey;
  const originalSlug = form.dataset.originalSlug;

  function encoded() { return new URLSearchParams(new FormData(form)); }
  function snapshot() {
    const data = encoded();
    data.delete('csrf');
    return data.toString();
  }

  // Word count and reading time, as the server counts them (230 words a minute).
  function countWords(text) {
    const words = text.split(/\s+/).filter(Boolean);
    return words.length;
  }
  function updateCounts() {
    const words = countWords(body.value);
    document.getElementById('word-count').textContent = String(words);
    document.getElementById('reading-time').textContent = String(Math.max(1, Math.ceil(words / 230)));
  }
  body.addEventListener('input', updateCounts);

  // A slug from the title while the article is new and the slug untouched;
  // never digits only.
  let slugTouched = !!slug.value;
  slug.addEventListener('input', () => { slugTouched = true; });
  // As the server's Slugify: letters of any script kept, accents off Latin ones.
  function slugify(text) {
    let s = text.toLowerCase().normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-').replace(/^-+|-+$/g, '').normalize('NFC');
    s = Array.from(s).slice(0, 200).join('').replace(/-+$/, '');
    if (s && /^[\p{N}-]+$/u.test(s)) s = Array.from('article-' + s).slice(0, 200).join('');
    return s;
  }
  title.addEventListener('input', () => {
    if (!originalSlug && !slugTouched) slug.value = slugify(title.value);
  });

  // A new article's "send as newsletter" follows its column's default until
  // the editor sets it.
  const column = form.querySelector('#column');
  const newsletter = form.querySelector('#send_newsletter');
  let newsletterTouched = false;
  newsletter.addEventListener('change', () => { newsletterTouched = true; });
  column.addEventListener('change', () => {
    const option = column.selectedOptions[0];
    if (!originalSlug && !newsletterTouched && option) newsletter.checked = option.dataset.newsletter === '1';
  });

  // The Markdown toolbar (and Ctrl+B, Ctrl+I) around the selection.
  const toolbar = document.querySelector('.admin-toolbar');
  const wraps = {
    bold: ['**', '**', 'bold text'], italic: ['_', '_', 'italic text'], code: ['`', '`', 'code'],
    link: ['[', '](https://)', 'link text'],
  };
  const prefixes = { heading: '## ', quote: '> ', list: '- ' };
  function apply(kind) {
    if (editor) return applyInEditor(kind);
    const start = body.selectionStart, end = body.selectionEnd;
    const text = body.value;
    let replacement, cursorStart, cursorEnd;
    if (wraps[kind]) {
      const [open, close, placeholder] = wraps[kind];
      const inner = text.slice(start, end) || placeholder;
      replacement = open + inner + close;
      cursorStart = start + open.length;
      cursorEnd = cursorStart + inner.length;
    } else {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const block = text.slice(lineStart, end);
      const lines = block.split('\n').map((l) => prefixes[kind] + l).join('\n');
      body.setRangeText(lines, lineStart, end, 'end');
      body.focus();
      body.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    body.setRangeText(replacement, start, end, 'select');
    body.setSelectionRange(cursorStart, cursorEnd);
    body.focus();
    body.dispatchEvent(new Event('input', { bubbles: true }));
  }
  // With the CodeMirror bundle (assets/editor.js, built by scripts/build) the
  // body is edited in CodeMirror and the toolbar drives it; without it, in the
  // plain textarea.
  let editor = null;
  const markdownBody = form.querySelector('[name=body_format]').value === 'markdown';
  if (markdownBody && window.NewsdeskEditor) {
    editor = window.NewsdeskEditor.mount(body, { onBold: () => apply('bold'), onItalic: () => apply('italic') });
  }
  function applyInEditor(kind) {
    if (wraps[kind]) editor.wrap(...wraps[kind]);
    else editor.prefixLines(prefixes[kind]);
  }
  if (toolbar && markdownBody) {
    toolbar.hidden = false;
    toolbar.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-md]');
      if (button) (editor ? applyInEditor : apply)(button.dataset.md);
    });
    body.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === 'b') { e.preventDefault(); apply('bold'); }
      if (e.key === 'i') { e.preventDefault(); apply('italic'); }
    });
  }

  // Autosave: the form as typed goes to the server every few seconds while it
  // changes; it comes back after a reload or a crash ("Restore them").
  let saved = snapshot();      // what the server has as the article
  let autosaved = saved;       // what the server has as the autosave
  let submitting = false;
  async function autosave() {
    const now = snapshot();
    if (now === autosaved || submitting) return;
    const data = encoded();
    try {
      const res = await fetch('/admin/autosave', { method: 'POST', body: data, credentials: 'same-origin' });
      if (res.ok) {
        autosaved = now;
        status.textContent = 'Autosaved at ' + new Date().toLocaleTimeString();
      } else {
        status.textContent = 'Autosave failed (' + res.status + '); save soon.';
      }
    } catch (err) {
      status.textContent = 'Autosave failed (offline?); your text is still here.';
    }
  }
  setInterval(autosave, AUTOSAVE_MS);

  // Leaving with changes the server does not have as the article: ask first.
  window.addEventListener('beforeunload', (e) => {
    if (submitting || snapshot() === saved) return;
    e.preventDefault();
    e.returnValue = '';
  });

  // Live preview: the public page for the form as it is, in the frame beside it.
  const previewButton = document.getElementById('preview-button');
  const frame = document.getElementById('preview-frame');
  let previewTimer = null;
  let previewed = null;
  function preview() {
    const now = snapshot();
    if (now === previewed) return;
    previewed = now;
    form.requestSubmit(previewButton);
  }
  form.addEventListener('submit', (e) => {
    if (e.submitter && e.submitter.getAttribute('formtarget') === 'preview-frame') {
      frame.hidden = false;
      document.getElementById('editor-area').classList.add('with-preview');
      document.querySelector('.site-main').classList.add('with-preview');
      return;
    }
    submitting = true;
  });
  form.addEventListener('input', () => {
    if (frame.hidden || !previewed) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, PREVIEW_DELAY_MS);
  });
  frame.hidden = true;
  previewButton.addEventListener('click', () => { previewed = snapshot(); });

  // "… is editing": a heartbeat while this page is open.
  if (originalSlug) {
    const csrf = form.querySelector('[name=csrf]').value;
    const editing = document.getElementById('editing-now');
    async function beat() {
      try {
        const res = await fetch('/admin/presence', {
          method: 'POST', credentials: 'same-origin',
          body: new URLSearchParams({ csrf, slug: originalSlug }),
        });
        if (!res.ok) return;
        const who = (await res.json()).editing;
        editing.hidden = who.length === 0;
        editing.textContent = who.length === 0 ? '' : who.join(', ') + (who.length === 1 ? ' is editing' : ' are editing');
      } catch (err) { /* offline: try again at the next beat */ }
    }
    beat();
    setInterval(beat, PRESENCE_MS);
    window.addEventListener('pagehide', () => {
      navigator.sendBeacon('/admin/presence', new URLSearchParams({ csrf, slug: originalSlug, leaving: '1' }));
    });
  }
})();

// Images: uploads from the editor (the featured image's file picker, and
// images dropped or pasted into the body) and the focal point in the media
// library. They post the media library's own upload form and ask for JSON.
(function () {
  'use strict';
  async function upload(file, alt, csrf) {
    const data = new FormData();
    data.append('csrf', csrf);
    data.append('alt', alt || '');
    data.append('file', file, file.name || 'pasted-image');
    const res = await fetch('/admin/media', {
      method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' },
    });
    const answer = await res.json().catch(() => ({ error: { message: 'the server answered ' + res.status } }));
    if (!res.ok) throw new Error(answer.error ? answer.error.message : 'the upload failed (' + res.status + ')');
    return answer;
  }

  const form = document.getElementById('article-form');
  if (form && document.getElementById('featured-upload')) {
    const csrf = form.querySelector('[name=csrf]').value;
    const status = document.getElementById('autosave-status');
    const picker = document.getElementById('image_file');
    const id = document.getElementById('image_id');
    // The preview <img> exists once there is an image to show (no src-less <img>).
    const previewOf = () => {
      let img = document.getElementById('featured-preview');
      if (!img) {
        img = document.createElement('img');
        img.id = 'featured-preview';
        img.alt = '';
        document.getElementById('featured-preview-slot').replaceWith(img);
      }
      return img;
    };
    const about = document.getElementById('featured-about');
    document.getElementById('featured-upload').hidden = false;
    picker.addEventListener('change', async () => {
      const file = picker.files[0];
      if (!file) return;
      const alt = document.getElementById('image_alt').value ||
        window.prompt('Describe this image for readers who cannot see it (alt text):', '') || '';
      about.textContent = 'Uploading ' + file.name + '…';
      try {
        const item = await upload(file, alt, csrf);
        id.value = item.id;
        const preview = previewOf();
        preview.src = item.thumb;
        preview.hidden = false;
        about.textContent = item.file_name + (item.alt ? ': “' + item.alt + '”' : ', which has no alt text yet');
        id.dispatchEvent(new Event('input', { bubbles: true }));
      } catch (err) {
        about.textContent = 'Not uploaded: ' + err.message;
      }
      picker.value = '';
    });

    // Dropped or pasted into the body: uploaded, then placed where the cursor is.
    const body = form.querySelector('#body');
    const area = body.parentNode;
    async function place(files) {
      for (const file of files) {
        if (!file.type.startsWith('image/')) continue;
        const alt = window.prompt('Describe "' + (file.name || 'the pasted image') +
          '" for readers who cannot see it (alt text):', '') || '';
        status.textContent = 'Uploading ' + (file.name || 'the image') + '…';
        try {
          const item = await upload(file, alt, csrf);
          const text = '\n\n![' + alt.replace(/[\[\]]/g, '') + '](' + item.url + ')\n\n';
          const start = body.selectionStart ?? body.value.length;
          body.setRangeText(text, start, body.selectionEnd ?? start, 'end');
          body.dispatchEvent(new Event('input', { bubbles: true }));
          status.textContent = 'Image placed in the body.';
        } catch (err) {
          status.textContent = 'Not uploaded: ' + err.message;
        }
      }
    }
    const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
    area.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); area.classList.add('body-drop'); } });
    area.addEventListener('dragleave', () => area.classList.remove('body-drop'));
    area.addEventListener('drop', (e) => {
      area.classList.remove('body-drop');
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      place(Array.from(e.dataTransfer.files));
    }, true);
    area.addEventListener('paste', (e) => {
      const files = Array.from((e.clipboardData && e.clipboardData.files) || []);
      if (files.length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      place(files);
    }, true);
  }

  // The media library: a click on the image places the focal point.
  const focal = document.getElementById('focal-area');
  if (focal) {
    const image = document.getElementById('focal-image');
    const mark = document.getElementById('focal-mark');
    const x = document.getElementById('focal_x');
    const y = document.getElementById('focal_y');
    const show = () => { mark.style.left = x.value + '%'; mark.style.top = y.value + '%'; };
    image.addEventListener('click', (e) => {
      const box = image.getBoundingClientRect();
      x.value = Math.round(Math.min(100, Math.max(0, (e.clientX - box.left) / box.width * 100)));
      y.value = Math.round(Math.min(100, Math.max(0, (e.clientY - box.top) / box.height * 100)));
      show();
    });
    x.addEventListener('input', show);
    y.addEventListener('input', show);
    mark.hidden = false;  // placed by script: the CSP refuses a style attribute
    show();
  }
})();
