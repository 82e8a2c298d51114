-- tarjama's long-lived pandoc worker: one job at a time on stdin, its result on
-- stdout. Saves the 15-20 ms start-up of a pandoc process per document.
--   job:    a JSON line {"from": "commonmark_x", "to": "html5", "length": N,
--           "options": {...}, "links": {"../a.md": {"href": "../a.html", "lang": "en"}}},
--           then the document's N bytes
--   result: a JSON line {"ok": true, "length": N} then the output's N bytes, or
--           {"ok": false, "error": "..."}
-- "links" rewrites the targets of links to other articles (written as their Markdown
-- files), keeping the anchor; "lang" marks a link to a page in another language. A
-- whole target (with its anchor) listed there is replaced whole: its anchor is dropped.

local function rewrite_links(doc, links)
  return doc:walk({
    Link = function(link)
      local path, anchor = link.target:match("^([^#]*)(.*)$")
      local to = links[link.target]
      if to ~= nil then
        anchor = ""
      else
        to = links[path]
      end
      if to == nil then
        return nil
      end
      link.target = to.href .. anchor
      if to.lang then
        link.attributes.hreflang = to.lang
        link.classes:insert("other-language")
      end
      return link
    end,
  })
end

while true do
  local line = io.read("l")
  if line == nil then
    break
  end
  -- the header is tarjama's own; the document's bytes are read whatever happens next,
  -- so the next job starts where it should
  local job = pandoc.json.decode(line, false)
  local text = job.length > 0 and io.read(job.length) or ""
  local ok, result = pcall(function()
    -- an empty file list runs the reader in pandoc's sandbox: it can read no file and
    -- fetch no URL, whatever the text asks for
    local doc = pandoc.read(text, job.from, nil, {})
    if job.links then
      doc = rewrite_links(doc, job.links)
    end
    return pandoc.write(doc, job.to, job.options or {})
  end)
  if ok then
    io.stdout:write(pandoc.json.encode({ ok = true, length = #result }), "\n", result)
  else
    io.stdout:write(pandoc.json.encode({ ok = false, error = tostring(result) }), "\n")
  end
  io.stdout:flush()
end
