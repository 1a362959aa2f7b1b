#!/usr/bin/env bash
# Installs the system packages the test suites need, when they are missing. Idempotent.
# Usage: scripts/setup.sh [postgresql] [chromium] ...
set -euo pipefail

missing=()
for want in "$@"; do
  case "$want" in
    postgresql) compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql) ;;
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
