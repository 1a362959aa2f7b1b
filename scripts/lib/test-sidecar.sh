# Shared by the non-Java suites: start a real sidecar from the built jar on an ephemeral loopback port.
# Usage (sourced):   start_test_sidecar <work-dir> [VAR=value ...]   -> sets SIDECAR_URL and SIDECAR_PID
#                    stop_test_sidecar
# Extra VAR=value pairs are passed to the sidecar's environment (e.g. FEEDBACK_API_KEY=secret).

start_test_sidecar() {
  local dir="$1"; shift
  local root="${PATCHWORK_ROOT:?run through ./patchwork test}"
  local jar="$root/sidecar/target/patchwork-sidecar.jar"
  [[ -f "$jar" ]] || { echo "test-sidecar: $jar is missing; build first (./patchwork build)" >&2; return 1; }
  mkdir -p "$dir"
  env FEEDBACK_HOST=127.0.0.1 FEEDBACK_PORT=0 FEEDBACK_DB_PATH="$dir/feedback.db" "$@" \
    "${JAVA_HOME:?}/bin/java" -jar "$jar" >"$dir/sidecar.out" 2>"$dir/sidecar.log" &
  SIDECAR_PID=$!
  local deadline=$((SECONDS + 60))
  SIDECAR_URL=""
  while [[ -z "$SIDECAR_URL" ]]; do
    # `|| true`: no match yet is normal, and must not trip a caller's `set -e -o pipefail`.
    SIDECAR_URL="$(grep -o 'listening on http://[0-9.:]*' "$dir/sidecar.log" 2>/dev/null | head -n1 | sed 's/listening on //' || true)"
    if ! kill -0 "$SIDECAR_PID" 2>/dev/null; then
      echo "test-sidecar: the sidecar exited; its log:" >&2; cat "$dir/sidecar.log" >&2; return 1
    fi
    if (( SECONDS > deadline )); then
      echo "test-sidecar: no 'listening on' line within 60 s; its log:" >&2; cat "$dir/sidecar.log" >&2; return 1
    fi
    [[ -n "$SIDECAR_URL" ]] || sleep 0.2
  done
  export SIDECAR_URL SIDECAR_PID
}

stop_test_sidecar() {
  if [[ -n "${SIDECAR_PID:-}" ]] && kill -0 "$SIDECAR_PID" 2>/dev/null; then
    kill "$SIDECAR_PID" 2>/dev/null
    wait "$SIDECAR_PID" 2>/dev/null || true
  fi
  SIDECAR_PID=""
}

# Writes "<passed> <failed> <skipped>" for a suite, read by scripts/test.sh for the closing line.
write_counts() {
  local name="$1" passed="$2" failed="$3" skipped="${4:-0}"
  echo "$passed $failed $skipped" > "${PATCHWORK_RESULTS:?}/$name.counts"
}
