// The admin's Markdown editor: CodeMirror 6 over the body's <textarea>, which
// stays the form field (kept in step both ways), so the form, autosave and
// the preview work as before. admin.js mounts it when this bundle has loaded
// (window.NewsdeskEditor) and drives the toolbar through it.
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, drawSelection, highlightActiveLine } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';

function mount(textarea, { onBold, onItalic } = {}) {
  let fromTextarea = false;
  const view = new EditorView({
    parent: textarea.parentNode,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        history(), drawSelection(), highlightActiveLine(), EditorView.lineWrapping, markdown(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([
          { key: 'Mod-b', run: () => { onBold?.(); return true; } },
          { key: 'Mod-i', run: () => { onItalic?.(); return true; } },
          ...defaultKeymap, ...historyKeymap, indentWithTab,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': 'Body (Markdown)', 'aria-multiline': 'true' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged || fromTextarea) return;
          textarea.value = update.state.doc.toString();
          textarea.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      ],
    }),
  });
  textarea.after(view.dom);
  // The textarea stays in the form (and for scripts filling it), out of sight
  // and out of the tab order; what is typed into it shows in the editor.
  textarea.classList.add('visually-hidden');
  textarea.tabIndex = -1;
  textarea.setAttribute('aria-hidden', 'true');
  textarea.addEventListener('input', () => {
    if (textarea.value === view.state.doc.toString()) return;
    fromTextarea = true;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: textarea.value } });
    fromTextarea = false;
  });

  return {
    view,
    // Wraps the selection (or a placeholder) in `open` and `close`.
    wrap(open, close, placeholder) {
      const { from, to } = view.state.selection.main;
      const inner = view.state.sliceDoc(from, to) || placeholder;
      view.dispatch({
        changes: { from, to, insert: open + inner + close },
        selection: { anchor: from + open.length, head: from + open.length + inner.length },
      });
      view.focus();
    },
    // Puts `prefix` before every line the selection touches.
    prefixLines(prefix) {
      const { from, to } = view.state.selection.main;
      const changes = [];
      for (let pos = from; pos <= to;) {
        const line = view.state.doc.lineAt(pos);
        changes.push({ from: line.from, insert: prefix });
        pos = line.to + 1;
      }
      view.dispatch({ changes });
      view.focus();
    },
  };
}

window.NewsdeskEditor = { mount };
