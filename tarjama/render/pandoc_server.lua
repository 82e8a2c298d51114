-- tarjama's long-lived pandoc worker: one JSON job per line on stdin,
-- one JSON result per line on stdout. Saves the 15-20 ms start-up of a
-- pandoc process per document.
--   job:    {"from": "commonmark_x", "to": "html5", "text": "...", "options": {...}}
--   result: {"ok": true, "out": "..."} or {"ok": false, "error": "..."}
for line in io.lines() do
  local ok, result = pcall(function()
    local job = pandoc.json.decode(line, false)
    -- an empty file list runs the reader in pandoc's sandbox: it can read no file and
    -- fetch no URL, whatever the (partly untrusted) text asks for
    local doc = pandoc.read(job.text, job.from, nil, {})
    return pandoc.write(doc, job.to, job.options or {})
  end)
  local reply
  if ok then
    reply = { ok = true, out = result }
  else
    reply = { ok = false, error = tostring(result) }
  end
  io.stdout:write(pandoc.json.encode(reply), "\n")
  io.stdout:flush()
end
