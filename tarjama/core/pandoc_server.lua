-- tarjama's long-lived pandoc worker: one JSON job per line on stdin,
-- one JSON result per line on stdout. Saves the 15-20 ms start-up of a
-- pandoc process per document.
--   job:    {"from": "commonmark_x", "to": "html5", "text": "...", "options": {...},
--            "links": {"../a.md": {"href": "../a.html", "lang": "en"}, ...}}
--   result: {"ok": true, "out": "..."} or {"ok": false, "error": "..."}
-- "links" rewrites the targets of links to other articles (written as their Markdown
-- files), keeping the anchor; "lang" marks a link to a page in another language.

local function rewrite_links(doc, links)
  return doc:walk({
    Link = function(link)
      local path, anchor = link.target:match("^([^#]*)(.*)$")
      local to = links[path]
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

for line in io.lines() do
  local ok, result = pcall(function()
    local job = pandoc.json.decode(line, false)
    -- an empty file list runs the reader in pandoc's sandbox: it can read no file and
    -- fetch no URL, whatever the (partly untrusted) text asks for
    local doc = pandoc.read(job.text, job.from, nil, {})
    if job.links then
      doc = rewrite_links(doc, job.links)
    end
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
