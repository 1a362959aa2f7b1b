// Runs before first paint (a classic script, so the CSP needs no inline code): applies the saved theme, or
// else the system preference, as data-theme, so the stylesheet keeps its dark palette in one place.
(function () {
  var saved = null;
  try {
    saved = localStorage.getItem('patchwork-theme');
  } catch (e) {
    // storage may be disabled; the system preference still applies
  }
  var theme = saved === 'light' || saved === 'dark'
    ? saved
    : (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  document.documentElement.setAttribute('data-theme', theme);
})();
