#!/usr/bin/env bash
# Runs the benchmarks behind the proxy's and the sidecar's performance goals side by side in one run and prints
# one summary table of the measured ratios against their bars at the end (figures: bench/README.md):
#   proxy-stdio/run.sh   direct vs a C byte relay vs the proxy vs the Java relay; start; RSS after 10,000 calls
#   proxy-http/run.sh    the proxy vs supergateway, 100-session throughput, remote upstreams (--url)
#   ingest/wrk.sh        sidecar ingest at 64 connections driven by wrk
# Usage: bench/run.sh [--all] [--soak] [calls per round] [rounds]
#   --all   also every other bench/*/run.sh afterwards (ingest at 1,000,000 reports, clustering, ...: long)
#   --soak  adds a 10-minute sampled RSS run of the stdio proxy (BENCH_SOAK_SECONDS overrides the length)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export PATCHWORK_ROOT="$ROOT"
ALL=0
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --all) ALL=1 ;;
    --soak) export BENCH_SOAK_SECONDS="${BENCH_SOAK_SECONDS:-600}" ;;
    *) echo "unknown option $1 (usage: bench/run.sh [--all] [--soak] [calls per round] [rounds])" >&2; exit 2 ;;
  esac
  shift
done

SUMMARY="$(mktemp)"
trap 'rm -f "$SUMMARY"' EXIT
export BENCH_SUMMARY="$SUMMARY"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== proxy-stdio"
bash "$ROOT/bench/proxy-stdio/run.sh" "$@"
echo "== proxy-http"
bash "$ROOT/bench/proxy-http/run.sh" "$@"
echo "== ingest (wrk)"
bash "$ROOT/bench/ingest/wrk.sh"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== summary: goals and measured values (load average $LOAD_BEFORE -> $LOAD_AFTER on $(nproc) cores)"
awk -F'\t' '{ printf "  %-42s %-72s %-22s %s\n", $1, $2, $3, $4 }' \
  <(printf 'goal\tmeasured\tbar\tverdict\n'; cat "$SUMMARY")
if awk -v l="${LOAD_BEFORE%% *}" -v m="${LOAD_AFTER%% *}" -v n="$(nproc)" 'BEGIN{exit !(l > n / 2 || m > n / 2)}'; then
  echo "  (the machine was loaded during this run: these verdicts are not evidence either way; take them on a quiet machine)"
fi

if [[ $ALL -eq 1 ]]; then
  for b in "$ROOT"/bench/*/run.sh; do
    case "$b" in */proxy-stdio/run.sh | */proxy-http/run.sh) continue ;; esac
    echo "== $(basename "$(dirname "$b")")"
    bash "$b"
  done
fi
