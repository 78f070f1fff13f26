-- Prints one machine-readable line after a wrk run: p50 and p95 in ms, requests per second, requests, errors (non-2xx/3xx included).
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT %.1f %.1f %.0f %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1000000), summary.requests, errors))
end
