#!/usr/bin/env bash
# Python drop-in suite: the official mcp SDK 2.x (MCPServer) and 1.x (FastMCP), each in its own venv with
# pinned requirements, driven over stdio by the SDK's client against a real sidecar.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PATCHWORK_ROOT:=$(cd "$HERE/../.." && pwd)}"
: "${PATCHWORK_RESULTS:=$HERE/.results}"
export PATCHWORK_ROOT PATCHWORK_RESULTS
mkdir -p "$PATCHWORK_RESULTS"
source "$PATCHWORK_ROOT/scripts/lib/test-sidecar.sh"

# Creates or refreshes a venv when its requirements file changed (a stamp holds the file's hash).
ensure_venv() {
  local venv="$1" requirements="$2" stamp hash
  stamp="$venv/.requirements.sha256"
  hash="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$hash" ]]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    echo "$hash" > "$stamp"
  fi
}

work="$(mktemp -d)"
trap 'stop_test_sidecar; rm -rf "$work"' EXIT
ensure_venv "$HERE/.venv" "$HERE/requirements.txt"
ensure_venv "$HERE/.venv-mcp1" "$HERE/requirements-mcp1.txt"
# (called under "||": the helper polls with grep, which must not trip errexit while the log is empty)
start_test_sidecar "$work/sidecar" || { echo "dropin-python: the test sidecar did not start" >&2; write_counts dropin-python 0 1; exit 1; }

passed=0 failed=0 skipped=0 status=0
for venv in .venv .venv-mcp1; do
  echo "== drop-ins/python with $("$HERE/$venv/bin/python" -c 'import importlib.metadata as m; print("mcp", m.version("mcp"))')"
  (cd "$HERE" && SIDECAR_URL="$SIDECAR_URL" "$HERE/$venv/bin/python" -m pytest -p no:cacheprovider -q \
      --junitxml="$work/$venv.xml") || status=1
  read -r p f s < <(python3 - "$work/$venv.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root)
t = sum(int(x.get("tests", 0)) for x in suites)
f = sum(int(x.get("failures", 0)) + int(x.get("errors", 0)) for x in suites)
s = sum(int(x.get("skipped", 0)) for x in suites)
print(t - f - s, f, s)
PY
  ) || { p=0; f=1; s=0; }
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
write_counts dropin-python "$passed" "$failed" "$skipped"
echo "dropin-python: $passed passed, $failed failed, $skipped skipped"
exit "$status"
