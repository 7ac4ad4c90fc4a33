-- wrk script for two_nodes.sh: each thread requests the paths given after `--` in turn,
-- counts the responses by status and those showing "Sign out" (the page was read signed
-- in), and at the end prints tab-separated lines the script reads:
--   STATUS <code> <count>                      (one per status seen)
--   RESULT <requests> <failed> <signed_in> <html_200> <connect> <read> <write> <timeout>
-- Failed: socket errors (connect, read, write, timeout) and responses that were not 2xx or
-- 3xx, as wrk counts them. A request still waiting when the run ends is not counted.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for _, path in ipairs(args) do
    table.insert(paths, path)
  end
  if #paths == 0 then
    paths = { "/" }
  end
  next_path = 0
  statuses = {}
  signed_in = 0
  html_200 = 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 then
    html_200 = html_200 + 1
    -- A page served to a lost session is still a 200, but without the sign-out button.
    if body and string.find(body, "Sign out", 1, true) then
      signed_in = signed_in + 1
    end
  end
end

function done(summary, latency, requests)
  local totals, signed, html = {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
    signed = signed + thread:get("signed_in")
    html = html + thread:get("html_200")
  end
  for status, count in pairs(totals) do
    io.write(string.format("STATUS\t%d\t%d\n", status, count))
  end
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", summary.requests,
    failed, signed, html, e.connect, e.read, e.write, e.timeout))
end
