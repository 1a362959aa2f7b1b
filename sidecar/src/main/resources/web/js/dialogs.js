// The small modal dialogs: admin key, delete confirmation, add note. Native <dialog> gives focus
// trapping and Esc for free; a click on the backdrop closes too.

import { el } from './dom.js';

function closeOnBackdrop(dialog) {
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close('cancel');
  });
}

/** The admin-key dialog, added to the page the first time a page needs it (every page asks the same way). */
function keyDialog() {
  const existing = document.getElementById('key-dialog');
  if (existing) return existing;
  const dialog = el('dialog.dialog', { id: 'key-dialog', 'aria-labelledby': 'key-title' },
    el('form', { method: 'dialog', id: 'key-form' },
      el('h2', { id: 'key-title' }, 'Admin key needed'),
      el('p', {}, 'This sidecar is protected by ', el('code', {}, 'FEEDBACK_ADMIN_KEY'),
        '. Enter it once; it is kept for this browser tab only.'),
      el('p.form-error', { id: 'key-reason', role: 'alert' }),
      el('label', { for: 'key-input' }, 'Admin key'),
      el('input', { id: 'key-input', type: 'password', autocomplete: 'current-password', required: true }),
      el('div.dialog-actions', {},
        el('button.btn', { type: 'button', 'data-action': 'cancel' }, 'Cancel'),
        el('button.btn.btn-primary', { type: 'submit', value: 'use' }, 'Use key'))));
  document.body.appendChild(dialog);
  return dialog;
}

/** Asks for the admin key; resolves with the key or null when cancelled. */
export function askForAdminKey(reason) {
  const dialog = keyDialog();
  const form = document.getElementById('key-form');
  const input = document.getElementById('key-input');
  document.getElementById('key-reason').textContent = reason || '';
  input.value = '';
  return new Promise((resolve) => {
    const finish = (value) => {
      form.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('close', onClose);
      cancel.removeEventListener('click', onCancel);
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) return;
      dialog.close('use');
      finish(key);
    };
    // A close event queued by an earlier prompt can arrive after this one opened: ignore it.
    const onClose = () => {
      if (!dialog.open) finish(null);
    };
    const onCancel = () => dialog.close('cancel');
    const cancel = form.querySelector('[data-action="cancel"]');
    form.addEventListener('submit', onSubmit);
    dialog.addEventListener('close', onClose);
    cancel.addEventListener('click', onCancel);
    dialog.showModal();
    input.focus();
  });
}

/** Asks to confirm a deletion; resolves true only on an explicit "Delete". */
export function confirmDelete(text) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-text').textContent = text;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.showModal();
    dialog.querySelector('button[value="cancel"]').focus();
  });
}

/** The add-note dialog: save calls `submit(text)`, which throws to keep the dialog open with its error. */
export class NoteDialog {
  constructor() {
    this.dialog = document.getElementById('note-dialog');
    this.form = document.getElementById('note-form');
    this.text = document.getElementById('note-text');
    this.error = document.getElementById('note-error');
    this.subject = document.getElementById('note-subject');
    this.submit = null;
    closeOnBackdrop(this.dialog);
    this.form.querySelector('[data-action="cancel"]').addEventListener('click', () => this.dialog.close('cancel'));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
    this.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.save();
      }
    });
  }

  open(subject, submit) {
    this.submit = submit;
    this.subject.textContent = subject;
    this.text.value = '';
    this.error.textContent = '';
    this.dialog.showModal();
    this.text.focus();
  }

  async save() {
    const content = this.text.value.trim();
    if (!content) {
      this.error.textContent = 'Write something first: an empty note is not saved.';
      return;
    }
    const button = this.form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await this.submit(content);
      this.dialog.close('saved');
    } catch (error) {
      this.error.textContent = `Not saved: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  }
}
