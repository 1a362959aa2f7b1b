#!/usr/bin/env bash
# Runs every benchmark under bench/: each executable bench/*/run.sh in turn.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export PATCHWORK_ROOT="$ROOT"
found=0
for b in "$ROOT"/bench/*/run.sh; do
  [[ -f "$b" ]] || continue
  found=1
  echo "== $(basename "$(dirname "$b")")"
  bash "$b" "$@"
done
[[ $found -eq 1 ]] || echo "no benchmarks yet"
