#!/usr/bin/env bash
# Installs the system packages the test suites need, when they are missing. Idempotent.
# Usage: scripts/setup.sh [postgresql] [chromium] ...
#        scripts/setup.sh --postgres-bin   prints the bin directory of the newest installed PostgreSQL
#                                          (exit 1 when none is); the PostgreSQL test server uses it too
set -euo pipefail

# The newest PostgreSQL under Debian's /usr/lib/postgresql/<version>/bin that has initdb, or nothing.
postgres_bin() {
  local initdb
  initdb=$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1) || true
  [[ -n "$initdb" ]] && dirname "$initdb"
}

if [[ "${1:-}" == --postgres-bin ]]; then
  postgres_bin || { echo "setup: no PostgreSQL under /usr/lib/postgresql; run 'scripts/setup.sh postgresql'" >&2; exit 1; }
  exit 0
fi

missing=()
for want in "$@"; do
  case "$want" in
    postgresql) postgres_bin >/dev/null || missing+=(postgresql) ;;
    chromium) [[ -x /usr/bin/chromium ]] || missing+=(chromium) ;;
    *) command -v "$want" >/dev/null 2>&1 || missing+=("$want") ;;
  esac
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
  echo "setup: please install these Debian packages: ${missing[*]}" >&2
  exit 1
fi
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
echo "setup: installing ${missing[*]} from Debian's packages..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
