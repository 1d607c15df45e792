--[[
book.lua - the pandoc filter that turns one woven page of book/ into a page
of the HTML edition (book/tools/html runs it; see there).

It reads the order of the book from the contents table of book/README.md,
as book/tools/weave --contents prints it (one row a line: "page FILE TITLE"
or "part - TITLE", tab-separated), from the file that the metadata field
contents-file names (book/tools/html writes it), and gives the template:

  pagetitle        the page's first heading, as plain text
  prev, next       {href, title}: the neighbours in the contents table
                   (pages listed there but not written yet are skipped)
  contents         the whole table, one entry per row: {href, title,
                   current} for a page, {part} for a "**Part N: ...**" row,
                   {title, missing} for a page not written yet
  sections         this page's second-level headings: {id, title}
  source           the markdown file the page is made from

and rewrites the body:

  - a link to a page (x.md, x.md#anchor) becomes a link to x.html;
    README.md becomes index.html; a link to a page the contents table lists
    but that does not exist yet becomes plain text (with a warning);
  - a relative link to any other file of the repository gets "../", since
    the HTML lives one directory further down, in book/html/ (pictures are
    copied there, so their paths stay as they are);
  - the markdown's own "[Contents](README.md) · Previous: ... · Next: ..."
    line is dropped: the template draws the same links from the table;
  - a picture alone in a paragraph, with an all-emphasis paragraph under
    it (its caption), becomes a figure, the picture a link to itself;
  - each woven block (<!-- include: path --> ... <!-- end include -->) is
    wrapped in a figure-like box labelled with its file: class "source"
    for code from chapters/ or common/, "transcript" for a run from
    expected/, which the stylesheet draws as terminal output.
]]

local stringify = pandoc.utils.stringify

local function dirname(path)
  return path:match("^(.*)/[^/]*$") or "."
end

local function basename(path)
  return path:match("([^/]*)$")
end

local function exists(path)
  local f = io.open(path, "r")
  if f then
    f:close()
    return true
  end
  return false
end

local function html_name(md)
  if md == "README.md" then
    return "index.html"
  end
  return (md:gsub("%.md$", ".html"))
end

local input = PANDOC_STATE.input_files[1]
local bookdir = dirname(input)
local this = basename(input)

-- Inline markdown (a title from the table) to pandoc inlines.
local function inlines(text)
  -- "1. One fork" alone would be read as a numbered list.
  local doc = pandoc.read((text:gsub("^(%d+)%.", "%1\\.")), "gfm")
  if #doc.blocks == 0 then
    return pandoc.List()
  end
  return doc.blocks[1].content
end

-- The contents table of README.md, in order (weave --contents).
local function read_contents(file)
  local rows = {}
  for line in io.lines(file) do
    local kind, page, title = line:match("^(%a+)\t([^\t]*)\t(.*)$")
    if kind == "page" then
      table.insert(rows, { title = title, file = page })
    elseif kind == "part" then
      table.insert(rows, { part = title })
    end
  end
  -- The introduction itself comes first.
  table.insert(rows, 1, { title = "Introduction", file = "README.md" })
  return rows
end

local rows
local listed = {}
local function load_contents(meta)
  rows = read_contents(stringify(meta["contents-file"]))
  for _, row in ipairs(rows) do
    if row.file then
      row.present = exists(bookdir .. "/" .. row.file)
      listed[row.file] = row
      if not row.present then
        io.stderr:write(string.format(
          "html: warning: the contents list %s, which does not exist yet\n", row.file))
      end
    end
  end
end

-- Rewrite one link target; nil means "drop the link, keep its text".
local function relink(target)
  if target:match("^%a[%w+.-]*:") or target:match("^#") or target:match("^/") then
    return target -- http:, mailto:, an anchor on this page, an absolute path
  end
  local file, anchor = target:match("^([^#]*)(.*)$")
  if file:match("^[^/]+%.md$") then
    local row = listed[file]
    if row and not row.present then
      return nil
    end
    return html_name(file) .. anchor
  end
  if file:match("^pictures/") then
    return target
  end
  return "../" .. target
end

local function is_nav_line(block)
  if block.t ~= "Para" or #block.content == 0 then
    return false
  end
  local first = block.content[1]
  return first.t == "Link" and first.target == "README.md"
    and stringify(first) == "Contents"
end

-- Wrap the code block that follows each include marker.
local function label_includes(blocks)
  local out = pandoc.List()
  local i = 1
  while i <= #blocks do
    local b = blocks[i]
    local path = b.t == "RawBlock" and b.text:match("^<!%-%- include: (%S+) %-%->%s*$")
    if path and blocks[i + 1] and blocks[i + 1].t == "CodeBlock" then
      local file, region = path:match("^([^:]+):?(.*)$")
      local kind = file:match("^expected/") and "transcript" or "source"
      local label
      if kind == "transcript" then
        label = pandoc.Plain({ pandoc.Str("terminal"), pandoc.Space(),
          pandoc.Span({ pandoc.Str(file) }, { class = "file" }) })
      else
        local where = { pandoc.Span({ pandoc.Str(file) }, { class = "file" }) }
        if region ~= "" then
          table.insert(where, pandoc.Space())
          table.insert(where, pandoc.Span({ pandoc.Str("region " .. region) }, { class = "region" }))
        end
        label = pandoc.Plain(where)
      end
      out:insert(pandoc.Div({ pandoc.Div({ label }, { class = "label" }), blocks[i + 1] },
        { class = "listing " .. kind }))
      i = i + 2
      if blocks[i] and blocks[i].t == "RawBlock" and blocks[i].text:match("^<!%-%- end include %-%->%s*$") then
        i = i + 1
      end
    elseif b.t == "Para" and #b.content == 1 and b.content[1].t == "Image" then
      -- A picture alone in its paragraph, and the caption under it (a
      -- paragraph that is all emphasis): a figure, the picture a link to
      -- itself at full size.
      local image = b.content[1]
      local figure = pandoc.List({ pandoc.Para({ pandoc.Link({ image }, image.src, "",
        { class = "picture" }) }) })
      local after = blocks[i + 1]
      if after and after.t == "Para" and #after.content == 1 and after.content[1].t == "Emph" then
        figure:insert(pandoc.Div({ pandoc.Para(after.content[1].content) }, { class = "caption" }))
        i = i + 1
      end
      out:insert(pandoc.Div(figure, { class = "figure" }))
      i = i + 1
    elseif b.t == "RawBlock" and b.text:match("^<!%-%-.*%-%->%s*$") then
      i = i + 1 -- other comments: nothing for the reader
    else
      out:insert(b)
      i = i + 1
    end
  end
  return out
end

local function entry(row)
  return pandoc.MetaMap({
    href = pandoc.MetaString(html_name(row.file)),
    title = pandoc.MetaInlines(inlines(row.title)),
    text = pandoc.MetaString(stringify(inlines(row.title))),
  })
end

function Pandoc(doc)
  load_contents(doc.meta)
  -- The markdown's own navigation line goes first: the template draws it.
  doc.blocks = doc.blocks:filter(function(b) return not is_nav_line(b) end)

  -- Links and images everywhere in the body.
  doc = doc:walk({
    Link = function(link)
      local target = relink(link.target)
      if target == nil then
        io.stderr:write(string.format("html: %s: %s is not written yet; its link is shown as text\n",
          this, link.target))
        return pandoc.Span(link.content, { class = "not-yet" })
      end
      link.target = target
      return link
    end,
    Image = function(image)
      image.src = relink(image.src) or image.src
      return image
    end,
    -- pandoc finds the bash highlighter fast by that name, and is slow to
    -- decide that "sh" is bash too, or that "text" is no language at all.
    CodeBlock = function(block)
      if block.classes[1] == "sh" or block.classes[1] == "shell" then
        block.classes[1] = "bash"
      elseif block.classes[1] == "text" then
        block.classes = {}
      end
      return block
    end,
  })

  local blocks = pandoc.List()
  local sections = pandoc.List()
  local title
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 and not title then
      title = stringify(b)
      blocks:insert(b)
    else
      if b.t == "Header" and b.level == 2 then
        sections:insert(pandoc.MetaMap({
          id = pandoc.MetaString(b.identifier),
          title = pandoc.MetaInlines(b.content),
        }))
      end
      blocks:insert(b)
    end
  end
  doc.blocks = label_includes(blocks)

  -- Neighbours among the pages that exist, in the order of the table.
  local pages = {}
  for _, row in ipairs(rows) do
    if row.file and row.present then
      table.insert(pages, row)
    end
  end
  for k, row in ipairs(pages) do
    if row.file == this then
      if pages[k - 1] then
        doc.meta.prev = entry(pages[k - 1])
      end
      if pages[k + 1] then
        doc.meta.next = entry(pages[k + 1])
      end
    end
  end
  if not listed[this] then
    io.stderr:write(string.format("html: warning: %s is not in the contents of README.md\n", this))
  end

  local contents = pandoc.List()
  for _, row in ipairs(rows) do
    if row.part then
      contents:insert(pandoc.MetaMap({ part = pandoc.MetaInlines(inlines(row.part)) }))
    elseif row.present then
      local e = entry(row)
      if row.file == this then
        e.current = true
        e.sections = sections
      end
      contents:insert(e)
    else
      contents:insert(pandoc.MetaMap({
        title = pandoc.MetaInlines(inlines(row.title)),
        missing = true,
      }))
    end
  end
  doc.meta.contents = contents
  doc.meta.sections = sections
  doc.meta.pagetitle = title or this
  doc.meta.source = "book/" .. this
  doc.meta.index = this == "README.md"
  return doc
end
