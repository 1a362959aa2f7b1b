-- wrk script: POSTs a valid feedback report with the ingest key (WRK_INGEST_KEY) on every request; the text
-- varies per request so no two reports are the same.
local key = os.getenv("WRK_INGEST_KEY")
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key

request = function()
  n = n + 1
  local body = '{"server_name":"bench","what_i_needed":"wrk report ' .. n
    .. ': search cost events by run_id","what_i_tried":"list_costs, get_cost","gap_type":"missing_parameter",'
    .. '"resolution":"worked_around","tools_available":["list_costs","get_cost"],'
    .. '"agent_model":"claude-sonnet-4-5","session_id":"s-' .. (n % 100) .. '","client_type":"claude-code"}'
  return wrk.format(nil, "/api/feedback", nil, body)
end

-- wrk counts answers with a status >= 400 (errors.status) and socket errors; prints one line for wrk.sh.
done = function(summary, latency, requests)
  io.write(string.format("WRK_RESULT requests=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
