// Runs before first paint (a classic script, so the CSP needs no inline code): applies a saved theme.
// Without a saved choice the stylesheet follows prefers-color-scheme.
(function () {
  try {
    var saved = localStorage.getItem('patchwork-theme');
    if (saved === 'light' || saved === 'dark') document.documentElement.setAttribute('data-theme', saved);
  } catch (e) {
    // storage may be disabled; the system preference still applies
  }
})();
