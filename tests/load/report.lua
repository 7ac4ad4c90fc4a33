-- wrk script: at the end of a run, one tab-separated line the load script reads:
-- RESULT p50_ms p95_ms p99_ms requests_per_s requests errors
-- Errors are socket errors (connect, read, write, timeout) and responses that were not
-- 2xx or 3xx. A request still waiting when the run ends, or timed out, has no latency.
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT\t%.1f\t%.1f\t%.1f\t%.2f\t%d\t%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6),
    summary.requests, errors))
end
