// The settings panel: plain values are shown as saved; secrets are write-only with a masked saved value
// and a Clear button each. Only what the user changed is sent, so defaults never overwrite saved values.
import { call } from './api.js';
import { showError } from './toast.js';

const PLAIN = ['github_repo', 'default_branch', 'llm_provider', 'llm_model', 'repo_path'];
const SECRETS = ['github_token', 'anthropic_api_key', 'openai_api_key'];
const SECRET_HINTS = { github_token: 'ghp_…', anthropic_api_key: 'sk-ant-…', openai_api_key: 'sk-…' };

export class SettingsPanel {
  constructor({ panel, form, toggle, status, message, onChange }) {
    Object.assign(this, { panel, form, toggle, status, message, onChange });
    this.saved = {};
    toggle.addEventListener('click', () => this.setOpen(panel.hidden));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
    form.llm_provider.addEventListener('change', () => this.showProviderKey());
    for (const box of form.querySelectorAll('[data-secret]')) {
      box.querySelector('[data-action="clear-secret"]').addEventListener('click', () =>
        this.clearSecret(box.getAttribute('data-secret')));
    }
  }

  setOpen(open) {
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.form.github_repo.focus();
  }

  async load() {
    try {
      this.render(await call('/api/settings'));
    } catch (error) {
      this.status.textContent = 'Settings unavailable';
      this.status.className = 'pill pill-bad';
      this.status.setAttribute('title', error.message);
      showError(`Could not load settings: ${error.message}`);
    }
  }

  render(settings) {
    this.saved = settings ?? {};
    const form = this.form;
    for (const name of PLAIN) form[name].value = this.saved[name] ?? '';
    if (!form.llm_provider.value) form.llm_provider.value = 'anthropic';
    for (const name of SECRETS) {
      const masked = this.saved[name] || '';
      form[name].value = '';
      form[name].setAttribute('placeholder', masked ? `${masked} (saved)` : `${SECRET_HINTS[name]} (not set)`);
      const box = form.querySelector(`[data-secret="${name}"]`);
      box.querySelector('[data-action="clear-secret"]').disabled = !masked || this.sourceOf(name) === 'environment';
    }
    for (const small of form.querySelectorAll('[data-source-for]')) {
      const name = small.getAttribute('data-source-for');
      const source = this.sourceOf(name);
      if (source === 'environment') small.textContent = 'set by an environment variable (overrides this field)';
      else if (SECRETS.includes(name) && this.saved[name]) small.textContent = 'saved; type a new value to replace it';
      else small.textContent = '';
      small.classList.toggle('source-env', source === 'environment');
    }
    this.showProviderKey();
    const configured = this.saved.configured === true;
    this.status.textContent = configured ? 'Configured' : 'Not configured';
    this.status.className = `pill ${configured ? 'pill-good' : 'pill-bad'}`;
    this.status.setAttribute('title', configured
      ? 'Draft PRs can be opened'
      : 'Set a repository (or local path) and the LLM key in Settings to draft PRs');
    this.onChange?.(this.saved);
  }

  sourceOf(name) {
    const sources = this.saved.sources;
    return sources && typeof sources === 'object' ? sources[name] : undefined;
  }

  showProviderKey() {
    const provider = this.form.llm_provider.value;
    this.form.querySelector('[data-secret="anthropic_api_key"]').classList.toggle('secret-inactive', provider !== 'anthropic');
    this.form.querySelector('[data-secret="openai_api_key"]').classList.toggle('secret-inactive', provider !== 'openai');
  }

  changes() {
    const changes = {};
    for (const name of PLAIN) {
      const value = this.form[name].value.trim();
      const saved = this.saved[name] || (name === 'llm_provider' ? 'anthropic' : '');
      if (value !== saved) changes[name] = value;
    }
    for (const name of SECRETS) {
      const value = this.form[name].value.trim();
      if (value) changes[name] = value;
    }
    return changes;
  }

  async save() {
    const changes = this.changes();
    if (Object.keys(changes).length === 0) {
      this.say('Nothing changed.');
      return;
    }
    await this.put(changes, 'Saved.');
  }

  async clearSecret(name) {
    await this.put({ [name]: '' }, 'Cleared.');
  }

  async put(body, done) {
    this.say('Saving…');
    try {
      await call('/api/settings', { method: 'PUT', json: body });
      this.render(await call('/api/settings'));
      this.say(done);
    } catch (error) {
      this.say(`Not saved: ${error.message}`, true);
    }
  }

  say(text, failed = false) {
    this.message.textContent = text;
    this.message.classList.toggle('form-error', failed);
  }
}
