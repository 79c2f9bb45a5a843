-- Request bodies for wrk from a file the benchmark wrote: one JSON body per line, used in turn.
-- Arguments after "--": METHOD BODIES-FILE. Each wrk thread starts at its own place in the file.
local method, bodies, next_body
local threads = 0

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function init(args)
  method = args[1]
  bodies = {}
  for line in io.lines(args[2]) do
    bodies[#bodies + 1] = line
  end
  next_body = (thread_index or 0) * math.floor(#bodies / 4)
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format(method, nil, nil, bodies[next_body])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d"
    .. " p50_us=%d p95_us=%d p99_us=%d\n", summary.requests, summary.duration, e.status, e.connect, e.read,
    e.write, e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
