// Light and dark themes: the system preference by default, a toggle that remembers an explicit choice.

const STORAGE_KEY = 'patchwork-theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

export function currentTheme() {
  const shown = document.documentElement.getAttribute('data-theme');
  if (shown === 'light' || shown === 'dark') return shown;
  return systemDark.matches ? 'dark' : 'light';
}

function savedTheme() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'light' || saved === 'dark' ? saved : null;
  } catch {
    return null;
  }
}

export function setupThemeToggle(button) {
  const render = () => {
    const dark = currentTheme() === 'dark';
    button.textContent = dark ? '☀' : '☾';
    button.setAttribute('aria-label', dark ? 'Switch to light theme' : 'Switch to dark theme');
    button.setAttribute('title', dark ? 'Switch to light theme' : 'Switch to dark theme');
  };
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.setAttribute('data-theme', next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
    render();
  });
  systemDark.addEventListener('change', () => {
    // Without an explicit choice the page follows the system as it changes.
    if (!savedTheme()) document.documentElement.setAttribute('data-theme', systemDark.matches ? 'dark' : 'light');
    render();
  });
  render();
}
