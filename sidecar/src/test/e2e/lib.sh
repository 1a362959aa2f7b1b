# Shared by the browser suites (sidecar/src/test/e2e and e2e-clusters). Sourced; needs fail_setup defined.

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Installs the pinned playwright-core (E2E_DIR's lock file) unless the installed one already matches it.
ensure_e2e_packages() {
  if ! (cd "$E2E_DIR" && node -e 'const l=require("./package-lock.json").packages["node_modules/playwright-core"].version;
      process.exit(require("./node_modules/playwright-core/package.json").version === l ? 0 : 1)' 2>/dev/null); then
    (cd "$E2E_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2) \
      || fail_setup "npm ci failed"
  fi
}

# Prints "<pass> <fail> <skipped>" from a node --test TAP file; a file with no summary counts as one failure.
tap_counts() {
  local tap="$1" p f s
  p="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n1)"
  f="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n1)"
  s="$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -n1)"
  if [[ -z "$p" ]]; then
    echo "$tap has no test summary" >&2
    p=0; f=$(( ${f:-0} + 1 ))
  fi
  echo "$p ${f:-0} ${s:-0}"
}
