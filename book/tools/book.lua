--[[
book.lua - the pandoc filter that turns one woven page of book/ into a page
of the HTML edition (book/tools/html runs it), or, with the metadata field
whole-book set, the whole book into one document: the one-page HTML that
book/tools/pdf prints, and the EPUB (book/tools/epub). The book's order is
the contents table of book/README.md, as book/tools/weave --contents
(beside this file) prints it.

The template, page.html, gets pagetitle (the first heading, as text); prev
and next, {href, title, text}: the neighbours among the pages of the table
that exist, the introduction first; contents, one entry per row of the
table: {href, title, text} for a page, with current and sections (its
second-level headings, {id, title}) on this page's, {part} for a
"**Part N: ...**" row, {title, missing} for a page not written yet;
source, the markdown file; and index, true for the introduction and the
whole book, which go by the book's title alone. The body is rewritten:

  - a link to a page (x.md, x.md#id) goes to x.html (README.md: index.html),
    or becomes plain text, with a warning, if the table lists the page but
    it does not exist yet; any other relative link gets "../" (the HTML is
    in book/html/), except to pictures, which are copied there;
  - the markdown's own "[Contents](README.md) · Previous: ... · Next: ..."
    line goes: the template draws the same links;
  - a picture alone in a paragraph, with an all-emphasis paragraph under it
    (its caption), becomes a figure, the picture a link to itself;
  - each woven block (<!-- include: path --> ... <!-- end include -->) is
    boxed and labelled with its file: class "source", or "transcript" for a
    run from expected/, which the stylesheet draws as a terminal; a block
    of shell commands (sh, bash) goes in a div of class "commands"; a
    console block (a command and its output) is a terminal too, labelled
    "run by make test", or with the reason of its "<!-- not checked:
    REASON -->" line (book/tools/blocks);
  - README.md's contents table gets class "contents" and each of its cells
    a data-label (its column's heading): a phone shows it stacked;
  - in the prose (not in code), every run of Chinese becomes <span
    lang="zh">, so that browsers and e-readers choose a Chinese font and
    Chinese line breaking for it, and 10^8 (or 10^-3) becomes 10 and a
    superscript.

With whole-book, the input file only says where book/ is: the filter puts
every page of the table one after the other. A page's first heading gets
the id "page-NAME" (page-03-kill, page-README), its other ids
"page-NAME--ID", so that two pages' "Try this" stay apart; a link to a page
goes to its heading, x.md#id to #page-x--id. Pictures are no links there
(an EPUB holds no file to link to).
]]

local stringify = pandoc.utils.stringify
local input = PANDOC_STATE.input_files[1]
local bookdir = pandoc.path.directory(input)
local this = pandoc.path.filename(input) -- nil in the whole book
local whole = false -- the whole book in one document (metadata whole-book)

local function html_name(md)
  return md == "README.md" and "index.html" or (md:gsub("%.md$", ".html"))
end

-- Typesetting: Chinese runs and powers of ten, in one Str's text.
local function is_cjk(c)
  return (c >= 0x2E80 and c <= 0x9FFF) -- radicals, CJK punctuation, kana, ideographs
    or (c >= 0xF900 and c <= 0xFAFF)   -- compatibility ideographs
    or (c >= 0xFE30 and c <= 0xFE4F)   -- compatibility forms
    or (c >= 0xFF00 and c <= 0xFFEF)   -- full-width forms: ， ： （ ）
    or (c >= 0x20000 and c <= 0x3FFFF) -- the rarer ideographs
end

-- Append TEXT to the inlines OUT: a Str for each run of other characters,
-- a Span lang="zh" for each run of Chinese.
local function add_text(out, text)
  local start, chinese = 1, nil
  local function flush(stop)
    if stop >= start then
      local str = pandoc.Str(text:sub(start, stop))
      out:insert(chinese and pandoc.Span({ str }, { lang = "zh" }) or str)
    end
  end
  for pos, c in utf8.codes(text) do
    local cjk = is_cjk(c)
    if chinese ~= nil and cjk ~= chinese then
      flush(pos - 1)
      start = pos
    end
    chinese = cjk
  end
  flush(#text)
end

-- A Str's text as inlines, or nil if it needs nothing: "10^8" is "10" and a
-- superscript 8 (10^-3: a superscript with a real minus sign).
local function typeset(str)
  local text = str.text
  if not text:find("10^", 1, true) and not text:find("[\226-\240]") then
    return nil -- neither a power nor anything beyond U+2000: the usual case
  end
  local out, rest = pandoc.List(), 1
  for at, power, after in text:gmatch("()%f[%d]10%^(%-?%d+)()") do
    add_text(out, text:sub(rest, at - 1))
    out:insert(pandoc.Str("10"))
    out:insert(pandoc.Superscript({ pandoc.Str((power:gsub("^%-", "\u{2212}"))) }))
    rest = after
  end
  add_text(out, text:sub(rest))
  if #out == 1 and out[1].t == "Str" then
    return nil
  end
  return out
end

-- Inline markdown (a title from the table) to pandoc inlines.
local function inlines(text)
  -- "1. One fork" alone would be read as a numbered list.
  local block = pandoc.read((text:gsub("^(%d+)%.", "%1\\.")), "gfm").blocks[1]
  return block and block:walk({ Str = typeset }).content or pandoc.List()
end

-- The rows of the contents table, in order, the introduction first; the
-- pages among them that exist; each page's row by its file name.
local rows, pages, listed = { { title = "Introduction", file = "README.md" } }, {}, {}
do
  local weave = io.popen("'" .. pandoc.path.directory(PANDOC_SCRIPT_FILE) .. "/weave' --contents")
  for line in weave:lines() do
    local kind, file, title = line:match("^(%a+)\t([^\t]*)\t(.*)$")
    if kind == "page" then
      table.insert(rows, { title = title, file = file })
    elseif kind == "part" then
      table.insert(rows, { part = title })
    end
  end
  assert(weave:close(), "book/tools/weave --contents failed")
  for _, row in ipairs(rows) do
    if row.file then
      local f = io.open(bookdir .. "/" .. row.file)
      row.present = f ~= nil
      listed[row.file] = row
      if f then
        f:close()
        table.insert(pages, row)
      else
        io.stderr:write(string.format(
          "html: warning: the contents list %s, which does not exist yet\n", row.file))
      end
    end
  end
end

-- In the whole book, the id of a page's first heading, or of an id on it.
local function anchor(page, id)
  local name = "page-" .. page:gsub("%.md$", "")
  return (id and id ~= "") and name .. "--" .. id or name
end

-- Rewrite one link target on PAGE; nil means "drop the link, keep its text".
local function relink(target, page)
  if target:match("^%a[%w+.-]*:") or target:match("^/") then
    return target -- http:, mailto:, an absolute path
  end
  if target:match("^#") then
    return whole and "#" .. anchor(page, target:sub(2)) or target -- on this page
  end
  local file, id = target:match("^([^#]*)#?(.*)$")
  if file:match("^[^/]+%.md$") then
    if listed[file] and not listed[file].present then
      return nil
    end
    return whole and "#" .. anchor(file, id) or html_name(file) .. (id ~= "" and "#" .. id or "")
  end
  return file:match("^pictures/") and target or "../" .. target
end

local function is_nav_line(block)
  local first = block.t == "Para" and block.content[1]
  return first and first.t == "Link" and first.target == "README.md"
    and stringify(first) == "Contents"
end

-- The contents table: class "contents", each cell labelled with its column.
local function mark_contents(tbl)
  tbl.attr.classes:insert("contents")
  local heads = tbl.head.rows[1] and tbl.head.rows[1].cells or {}
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      for i, cell in ipairs(row.cells) do
        if heads[i] then
          cell.attr.attributes["data-label"] = stringify(heads[i].contents)
        end
      end
    end
  end
  return tbl
end

-- Boxes: the code block that follows each include marker, a picture and
-- its caption, shell commands; the contents table marked.
local function label_includes(blocks, page)
  local out, i = pandoc.List(), 1
  local section -- the text of the last second-level heading
  while i <= #blocks do
    local b = blocks[i]
    local path = b.t == "RawBlock" and b.text:match("^<!%-%- include: (%S+) %-%->%s*$")
    if path and blocks[i + 1] and blocks[i + 1].t == "CodeBlock" then
      local file, region = path:match("^([^:]+):?(.*)$")
      local kind = file:match("^expected/") and "transcript" or "source"
      local label = { pandoc.Span({ pandoc.Str(file) }, { class = "file" }) }
      if kind == "transcript" then
        label = { pandoc.Str("terminal"), pandoc.Space(), label[1] }
      elseif region ~= "" then
        label = { label[1], pandoc.Space(),
          pandoc.Span({ pandoc.Str("region " .. region) }, { class = "region" }) }
      end
      out:insert(pandoc.Div({ pandoc.Div({ pandoc.Plain(label) }, { class = "label" }), blocks[i + 1] },
        { class = "listing " .. kind }))
      i = i + 2
      if blocks[i] and blocks[i].t == "RawBlock" and blocks[i].text:match("^<!%-%- end include %-%->%s*$") then
        i = i + 1
      end
    elseif b.t == "Para" and #b.content == 1 and b.content[1].t == "Image" then
      -- A picture alone in its paragraph, and the caption under it (a
      -- paragraph that is all emphasis): a figure, the picture a link to
      -- itself at full size (on the web).
      local image = b.content[1]
      local figure = pandoc.List({ whole and pandoc.Para({ image })
        or pandoc.Para({ pandoc.Link({ image }, image.src, "", { class = "picture" }) }) })
      local after = blocks[i + 1]
      if after and after.t == "Para" and #after.content == 1 and after.content[1].t == "Emph" then
        figure:insert(pandoc.Div({ pandoc.Para(after.content[1].content) }, { class = "caption" }))
        i = i + 1
      end
      out:insert(pandoc.Div(figure, { class = "figure" }))
      i = i + 1
    elseif b.t == "CodeBlock" and b.classes[1] == "console" then
      -- A command and its output (book/tools/blocks): a terminal, labelled
      -- with what make test does with it.
      out:insert(pandoc.Div({ pandoc.Div({ pandoc.Plain({ pandoc.Str("terminal"), pandoc.Space(),
        pandoc.Span({ pandoc.Str("run by make test") }, { class = "region" }) }) }, { class = "label" }), b },
        { class = "listing transcript" }))
      i = i + 1
    elseif b.t == "RawBlock" and b.text:match("^<!%-%- not checked:")
        and blocks[i + 1] and blocks[i + 1].t == "CodeBlock" then
      -- A console block that is not run: the reader sees why.
      local reason = b.text:match("^<!%-%- not checked:%s*(.-)%s*%-%->")
      out:insert(pandoc.Div({ pandoc.Div({ pandoc.Plain({ pandoc.Str("terminal"), pandoc.Space(),
        pandoc.Span({ pandoc.Str("not run by make test: " .. reason) }, { class = "region" }) }) },
        { class = "label" }), blocks[i + 1] }, { class = "listing transcript" }))
      i = i + 2
    elseif b.t == "RawBlock" and b.text:match("^<!%-%-.*%-%->%s*$") then
      i = i + 1 -- other comments: nothing for the reader
    elseif b.t == "CodeBlock" and b.classes[1] == "bash" then
      out:insert(pandoc.Div({ b }, { class = "commands" })) -- commands to type
      i = i + 1
    else
      if b.t == "Header" and b.level == 2 then
        section = stringify(b)
      elseif b.t == "Table" and page == "README.md" and section == "Contents" then
        b = mark_contents(b)
      end
      out:insert(b)
      i = i + 1
    end
  end
  return out
end

-- One page's blocks, made ready for the reader (see the top of this file).
local function prepare(blocks, page)
  local first = true
  blocks = pandoc.Div(blocks:filter(function(b) return not is_nav_line(b) end)):walk({
    Link = function(link)
      local target = relink(link.target, page)
      if target == nil then
        io.stderr:write(string.format("html: %s: %s is not written yet; its link is shown as text\n",
          page, link.target))
        return pandoc.Span(link.content, { class = "not-yet" })
      end
      link.target = target
      return link
    end,
    Image = function(image)
      image.src = relink(image.src, page) or image.src
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
    Str = typeset,
    Header = function(h)
      if whole then
        h.identifier = anchor(page, not (first and h.level == 1) and h.identifier or nil)
      end
      first = false
      return h
    end,
  }).content
  return label_includes(blocks, page)
end

local function entry(row)
  local title = inlines(row.title)
  return pandoc.MetaMap({
    href = pandoc.MetaString(whole and "#" .. anchor(row.file) or html_name(row.file)),
    title = pandoc.MetaInlines(title),
    text = pandoc.MetaString(stringify(title)),
  })
end

function Pandoc(doc)
  whole = doc.meta["whole-book"] == true
  if whole then -- every page of the contents, in order, one after the other
    this = nil
    doc.blocks = pandoc.List()
    for _, row in ipairs(pages) do
      local f = assert(io.open(bookdir .. "/" .. row.file))
      doc.blocks:extend(prepare(pandoc.read(f:read("a"), "gfm").blocks, row.file))
      f:close()
    end
  else
    doc.blocks = prepare(doc.blocks, this)
    if not listed[this] then
      io.stderr:write(string.format("html: warning: %s is not in the contents of README.md\n", this))
    end
  end

  -- The title, and this page's second-level headings for the contents.
  local sections, title = pandoc.List(), nil
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 then
      title = title or stringify(b)
    elseif b.t == "Header" and b.level == 2 then
      sections:insert(pandoc.MetaMap({
        id = pandoc.MetaString(b.identifier), title = pandoc.MetaInlines(b.content) }))
    end
  end

  local contents = pandoc.List()
  for _, row in ipairs(rows) do
    if row.part then
      contents:insert(pandoc.MetaMap({ part = pandoc.MetaInlines(inlines(row.part)) }))
    elseif row.present then
      local e = entry(row)
      if row.file == this then
        e.current, e.sections = true, sections
      end
      contents:insert(e)
    else
      contents:insert(pandoc.MetaMap({ title = pandoc.MetaInlines(inlines(row.title)), missing = true }))
    end
  end
  for k, row in ipairs(pages) do -- neighbours among the pages that exist
    if row.file == this then
      doc.meta.prev = pages[k - 1] and entry(pages[k - 1])
      doc.meta.next = pages[k + 1] and entry(pages[k + 1])
    end
  end
  doc.meta.contents = contents
  -- The whole book (and the introduction) go by the book's title alone.
  doc.meta.pagetitle = title or this
  doc.meta.source = whole and "book/*.md" or "book/" .. this
  doc.meta.index = whole or this == "README.md"
  return doc
end
