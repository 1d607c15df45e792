#!/usr/bin/env bats
# The HTML edition of the book (book/tools/html) and its pictures
# (book/tools/pictures), its EPUB (book/tools/epub) and its PDF
# (book/tools/pdf), and the book's exercises. The HTML is book/html/, as
# `make html` leaves it (make test has just made it, so that is quick; the
# make rule renders it again when a page, a picture, the template or the
# renderer changed); the EPUB and the PDF are made into it here. Every page
# is opened in headless Chromium (book/tools/check-html), and two
# screenshots are kept, outside git: book/html/screenshot-03-kill.png, a
# chapter page on a desktop, and book/html/screenshot-index-phone.png, the
# contents page on a phone, 390 pixels wide (SCREENSHOT=... and
# PHONE_SCREENSHOT=... put them elsewhere). The tests that need Chromium
# skip themselves, saying why, where it cannot start.
# bats file_tags=slow

setup_file() {
    TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
    export HTML=$TOP/book/html
    make -s -C "$TOP" html >"$BATS_FILE_TMPDIR/render.log" 2>&1 ||
        echo $? >"$BATS_FILE_TMPDIR/render.failed"
}

setup() {
    load helpers
    if [ -e "$BATS_FILE_TMPDIR/render.failed" ]; then
        fail "make html failed: $(cat "$BATS_FILE_TMPDIR/render.log")"
    fi
}

# The pages of book/README.md's contents table that exist, in order, the
# introduction first: one file name a line (book/tools/weave --contents).
book_order() {
    echo README.md
    "$TOP/book/tools/weave" --contents | while IFS=$'\t' read -r kind page _; do
        [ "$kind" = page ] && [ -f "$TOP/book/$page" ] && echo "$page"
    done
}

html_name() {
    if [ "$1" = README.md ]; then echo index.html; else echo "${1%.md}.html"; fi
}

# The titles of the pages in the contents table, one a line.
contents_titles() {
    "$TOP/book/tools/weave" --contents | awk -F '\t' '$1 == "page" { print $3 }'
}

# The prose of HTML pages FILE... (no code blocks, no inline code, no
# titles), with every <span lang="zh"> that holds only Chinese taken out:
# for each match of the Perl regex PATTERN left in it, a line "FILE: ...".
in_prose() { # PATTERN FILE...
    PATTERN=$1 LC_ALL=C.UTF-8 perl -CSD -0777 -ne '
        my $zh = "\x{2E80}-\x{9FFF}\x{F900}-\x{FAFF}\x{FE30}-\x{FE4F}\x{FF00}-\x{FFEF}";
        s{<pre.*?</pre>|<code.*?</code>|<title>.*?</title>}{}gs;
        s{<span lang="zh">[$zh]+</span>}{}g;
        print "$ARGV: $&\n" while /.{0,30}(?:$ENV{PATTERN}).{0,10}/g' "${@:2}"
}

@test "html: every page of book/ is rendered, the introduction as index.html" {
    local page
    for page in "$TOP"/book/*.md; do
        page=$(basename "$page")
        [ -s "$HTML/$(html_name "$page")" ] || fail "no $(html_name "$page") for book/$page"
    done
    [ -s "$HTML/style.css" ] || fail "no style.css"
    run grep -l -E 'href="[^":#]*\.md(#[^"]*)?"' "$HTML"/*.html
    assert_output ""
}

@test "html: previous and next follow the contents table, and every page has the contents" {
    local order=() i page want got
    mapfile -t order < <(book_order)
    [ "${#order[@]}" -gt 2 ] || fail "the contents table of book/README.md lists no pages"
    for i in "${!order[@]}"; do
        page=$(html_name "${order[i]}")
        want="prev=$([ "$i" -eq 0 ] || html_name "${order[i - 1]}")"
        want="$want next=$([ "$((i + 1))" -ge "${#order[@]}" ] || html_name "${order[i + 1]}")"
        want="$want contents=yes current=$page"
        # the first rel="prev" and rel="next" links (the header's), the
        # contents, and the entry marked as the current page
        got=$(awk '
            !p && match($0, /<a rel="prev" href="[^"]*"/) { p = substr($0, RSTART + 20, RLENGTH - 21) }
            !n && match($0, /<a rel="next" href="[^"]*"/) { n = substr($0, RSTART + 20, RLENGTH - 21) }
            /<nav class="contents"/ { c = "yes" }
            match($0, /<li class="current"><a href="[^"]*"/) { cur = substr($0, RSTART + 29, RLENGTH - 30) }
            END { printf "prev=%s next=%s contents=%s current=%s", p, n, c, cur }' "$HTML/$page")
        [ "$got" = "$want" ] || fail "$page: $got; the contents table says: $want"
    done
}

@test "html: code is highlighted, transcripts are terminal output, phones and printers are served" {
    local page=$HTML/03-kill.html
    # pandoc's highlighting, its style embedded in the page
    grep -q -E '<span class="(kw|cf|dt)">' "$page" || fail "no highlighted keyword in 03-kill.html"
    grep -q 'code span.kw {' "$page" || fail "no highlighting style in 03-kill.html"
    # the transcript woven from expected/, drawn as a terminal
    grep -q '<div class="listing transcript">' "$page" || fail "no transcript box in 03-kill.html"
    grep -q '<span class="file">expected/03-kill.txt</span>' "$page" ||
        fail "the transcript box does not name expected/03-kill.txt"
    grep -q '\.listing\.transcript {' "$HTML/style.css" || fail "no terminal style"
    # every transcript of expected/ is shown as one, somewhere
    local transcript
    for transcript in "$TOP"/expected/*.txt; do
        grep -q -F "<span class=\"file\">expected/$(basename "$transcript")</span>" "$HTML"/*.html ||
            fail "expected/$(basename "$transcript") is not shown as a terminal"
    done
    grep -q '<meta name="viewport" content="width=device-width' "$page" || fail "no viewport"
    grep -q '@media (max-width' "$HTML/style.css" || fail "no small-screen style"
    grep -q '@media print' "$HTML/style.css" || fail "no print style"
}

@test "html: Chinese in the prose is marked lang=\"zh\", and the stylesheet names Chinese fonts" {
    local left
    # every run of Chinese outside code, on every page (the one-page book too)
    left=$(in_prose '[\x{2E80}-\x{9FFF}\x{FF00}-\x{FFEF}]' "$HTML"/*.html)
    [ -z "$left" ] || fail "Chinese without lang=\"zh\" (book/tools/book.lua marks it):"$'\n'"$left"
    grep -q -F '<strong><span lang="zh">杀死子进程</span></strong>' "$HTML/03-kill.html" ||
        fail "03-kill.html does not mark its tutorial section 杀死子进程 as Chinese"
    # the contents table's third column, labelled for the phone's stacked table
    grep -q -F '<td data-label="the tutorial&#39;s section"><span lang="zh">杀死子进程</span></td>' \
        "$HTML/index.html" || fail "the contents table of index.html does not mark its Chinese"
    local font
    for font in "WenQuanYi Micro Hei" "Noto Sans CJK SC" "PingFang SC" "Microsoft YaHei"; do
        grep -q -F "\"$font\"" "$HTML/style.css" || fail "style.css names no font \"$font\""
    done
}

@test "html: powers of ten in the prose are powers (10<sup>8</sup>), in code as written (10^8)" {
    grep -q -F 'it adds up 10<sup>8</sup> terms' "$HTML/08-pi-serial.html" ||
        fail "08-pi-serial.html does not set 10^8 as a power"
    grep -q -F '(default 10^8)' "$HTML/08-pi-serial.html" ||
        fail "08-pi-serial.html changed 10^8 in its code"
    local left
    left=$(in_prose '10\^' "$HTML"/*.html)
    [ -z "$left" ] || fail "10^N left in the prose:"$'\n'"$left"
}

# The width of a PNG picture, in pixels (bytes 16 to 19, big-endian).
png_width() {
    od -A n -t u1 -j 16 -N 4 "$1" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'
}

@test "html: every page opens in Chromium; no broken link, anchor or image; nothing from the network" {
    local shot=${SCREENSHOT:-$TOP/book/html/screenshot-03-kill.png}
    local phone=${PHONE_SCREENSHOT:-$TOP/book/html/screenshot-index-phone.png}
    mkdir -p "$(dirname "$shot")" "$(dirname "$phone")"
    run "$TOP/book/tools/check-html" "$HTML" 03-kill.html "$shot" index.html "$phone"
    [ "$status" -ne 77 ] || skip "$output"
    assert_success
    assert_output --regexp 'checked [0-9]+ pages, [0-9]+ links \([0-9]+ to anchors\), [1-9][0-9]* images: 0 problems'
    [ -s "$shot" ] || fail "no screenshot in $shot"
    [ -s "$phone" ] || fail "no screenshot in $phone"
    [ "$(png_width "$shot")" -eq 1280 ] || fail "$shot is $(png_width "$shot") pixels wide, not 1280"
    [ "$(png_width "$phone")" -eq 390 ] || fail "$phone is $(png_width "$phone") pixels wide, not 390"
}

@test "html: the browser check fails on a page that does not load, a broken link, anchor or image, or is unfit for a phone" {
    local site=$BATS_TEST_TMPDIR/site
    mkdir -p "$site"
    cat >"$site/a.html" <<'EOF'
<!DOCTYPE html><html><head><title>a</title></head><body>
<p id="here"><a href="b.html#there">fine</a> <a href="#here">fine</a></p>
<p><a href="b.html#nowhere">anchor</a> <a href="gone.html">link</a></p>
<p><img src="b.svg" alt="fine"> <img src="gone.svg" alt="missing"></p>
<p><script src="https://example.com/x.js"></script></p>
</body></html>
EOF
    printf '<!DOCTYPE html><title>b</title><p id="there">b</p>\n' >"$site/b.html"
    printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n' >"$site/b.svg"
    : >"$site/empty.html"
    printf '<!DOCTYPE html><title>d</title><div style="width:800px">wide</div>\n' >"$site/d.html"
    # On a phone: code that scrolls, a contents table too wide, a picture
    # shrunk to a third (the page itself stays 390 pixels wide).
    cat >"$site/c.html" <<'EOF'
<!DOCTYPE html><html><head><title>c</title><style>pre, table { display: block; overflow-x: auto; }
td { white-space: nowrap; } img { max-width: 100%; }</style></head><body>
<pre>a long line of code, far too long for a phone: ....................................................</pre>
<table class="contents"><tr><td>a</td><td>chapters/06-ignore-signal/ignore-signal.c, chapters/07-signal-handler/signal-handler.c</td></tr></table>
<div class="figure"><img src="wide.svg" alt="wide"></div>
</body></html>
EOF
    printf '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="100"/>\n' >"$site/wide.svg"
    run "$TOP/book/tools/check-html" "$site"
    [ "$status" -ne 77 ] || skip "$output"
    assert_failure 1
    assert_line 'a.html: broken anchor b.html#nowhere: no element with id "nowhere"'
    assert_line 'a.html: broken link gone.html: no such file'
    assert_line 'a.html: image gone.svg did not load'
    assert_line 'a.html: <script> loads https://example.com/x.js from the network'
    assert_line 'empty.html: the page did not load (or has no title or body)'
    assert_line --regexp '^c.html: code block "a long line of code, far too long for a " does not fit a phone.s screen: [0-9]+ px in [0-9]+ px$'
    assert_line --regexp '^c.html: contents table does not fit a phone.s screen: '
    assert_line --regexp '^c.html: picture wide.svg shrinks to [0-9]+% on a phone: its labels are too small to read$'
    assert_line --regexp '^d.html: wider than a phone.s screen: [0-9]+ px in a [0-9]+ px window$'
    assert_line --regexp ': 9 problems$'
}

@test "epub: the whole book as an EPUB: a zip that says it is one, every chapter in it, titled, in English" {
    local epub=$HTML/unix-processes-in-c.epub
    run "$TOP/book/tools/epub" "$HTML"
    assert_success
    [ -s "$epub" ] || fail "book/tools/epub made no $epub"
    # An EPUB is a zip whose first file is "mimetype", stored as it is,
    # which says what it is: its name at byte 30, its text at byte 38.
    [ "$(head -c 58 "$epub" | tail -c 28)" = "mimetypeapplication/epub+zip" ] ||
        fail "$epub does not begin with its mimetype, application/epub+zip"
    # pandoc reads it back: the title and language, then the text, where
    # each page of the contents is a chapter, its title a heading line.
    # shellcheck disable=SC2016 # a pandoc template, not the shell's $
    printf '%s\n' '$title$|$language$' '$body$' >"$BATS_TEST_TMPDIR/epub.plain"
    run pandoc --from=epub --to=plain --wrap=none --standalone \
        --template="$BATS_TEST_TMPDIR/epub.plain" "$epub"
    assert_success
    assert_line --index 0 "Unix processes in C|en"
    local title missing=""
    while read -r title; do
        printf '%s\n' "$output" | grep -q -x -F "$title" || missing="$missing"$'\n'"  $title"
    done < <(contents_titles)
    [ -z "$missing" ] || fail "chapters missing from the EPUB:$missing"
    assert_output --partial '杀死子进程'
}

# Text without any white space (pdftotext spaces and breaks lines as the
# page does: a title may wrap, code may be set apart by a space).
squeeze() { tr -d '[:space:]'; }

@test "pdf: the whole book printed: each chapter on a new page, its pictures, its transcripts, its Chinese in a Chinese font" {
    local pdf=$HTML/unix-processes-in-c.pdf
    run "$TOP/book/tools/pdf" "$HTML"
    [ "$status" -ne 77 ] || skip "$output"
    assert_success
    [ -s "$pdf" ] || fail "book/tools/pdf made no $pdf"
    local pages
    pages=$(pdfinfo "$pdf" | awk '$1 == "Pages:" { print $2 }')
    [ "${pages:-0}" -ge 40 ] && [ "$pages" -le 600 ] ||
        fail "the PDF has ${pages:-no} pages, not between 40 and 600"
    # The whole text, and the start of every page (pages end with a \f).
    local text starts title missing=""
    pdftotext "$pdf" "$BATS_TEST_TMPDIR/pdf.txt"
    text=$(squeeze <"$BATS_TEST_TMPDIR/pdf.txt")
    starts=$(awk 'BEGIN { RS = "\f" } { gsub(/[[:space:]]/, ""); print substr($0, 1, 100) }' "$BATS_TEST_TMPDIR/pdf.txt")
    [[ $starts == "Unixprocessesin"* ]] || fail "the PDF does not begin with the book's title"
    while read -r title; do
        title=$(printf '%s' "$title" | squeeze)
        printf '%s\n' "$starts" | awk -v t="$title" 'index($0, t) == 1 { found = 1 } END { exit !found }' ||
            missing="$missing"$'\n'"  $title"
    done < <(contents_titles)
    [ -z "$missing" ] || fail "no page of the PDF begins with these chapters:$missing"
    # the tutorial's section titles, drawn in an embedded Chinese font
    [[ $text == *杀死子进程* ]] || fail "the PDF's text has no 杀死子进程"
    pdffonts "$pdf" | grep -q WenQuanYi || fail "no WenQuanYi font in the PDF: $(pdffonts "$pdf")"
    # a line of a woven transcript (not ps's columns, which pdftotext
    # reads column by column)
    local line
    line=$(grep -m 1 'was killed by signal' "$TOP/expected/05-waitpid.txt" | squeeze)
    [[ $text == *"$line"* ]] || fail "the PDF has no transcript line $line"
    # every label of every picture
    local svg label
    for svg in "$TOP"/book/pictures/*.svg; do
        while read -r label; do
            [[ $text == *"$label"* ]] || missing="$missing"$'\n'"  $(basename "$svg"): $label"
        done < <(sed -n 's:.*<text[^>]*>\(.*\)</text>.*:\1:p' "$svg" |
            sed -e 's/&#160;//g' -e 's/&#45;/-/g' -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' \
                -e 's/&quot;/"/g' -e 's/&amp;/\&/g' |
            tr -d ' \t')
    done
    [ -z "$missing" ] || fail "picture labels missing from the PDF:$missing"
}

@test "pictures: every picture is drawn from its current Graphviz source" {
    run "$TOP/book/tools/pictures" --check
    assert_success
    assert_output ""
    local svg
    for svg in "$TOP"/book/pictures/*.svg; do
        grep -q -F "](pictures/$(basename "$svg"))" "$TOP"/book/*.md ||
            fail "book/pictures/$(basename "$svg") is shown by no page"
    done
}

@test "pictures: a stale or hand-edited picture fails the check" {
    local tree=$BATS_TEST_TMPDIR/tree
    mkdir -p "$tree/book/tools" "$tree/book/pictures"
    cp "$TOP/book/tools/pictures" "$tree/book/tools/"
    printf 'digraph g { a [label="parent"]; b [label="child"]; a -> b; }\n' >"$tree/book/pictures/g.dot"
    run "$tree/book/tools/pictures" --check
    assert_failure
    assert_output --partial 'book/pictures/g.dot is not drawn: no book/pictures/g.svg'
    "$tree/book/tools/pictures"
    run "$tree/book/tools/pictures" --check
    assert_success
    sed -i 's/child/kid/' "$tree/book/pictures/g.dot"
    run "$tree/book/tools/pictures" --check
    assert_failure
    assert_output --partial 'book/pictures/g.svg is not drawn from the current book/pictures/g.dot'
    "$tree/book/tools/pictures"
    sed -i 's/>kid</>child</' "$tree/book/pictures/g.svg"
    run "$tree/book/tools/pictures" --check
    assert_failure
    assert_output --partial 'has texts that book/pictures/g.dot does not draw'
    assert_output --partial '+kid'
    sed -i 's/>child</>kid</' "$tree/book/pictures/g.svg" # the hand edit undone
    printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$tree/book/pictures/h.svg"
    run "$tree/book/tools/pictures" --check
    assert_failure
    assert_output --partial 'book/pictures/h.svg has no source book/pictures/h.dot'
}

@test "pictures: a plot is redrawn when its data changes: a stale or hand-edited plot fails the check" {
    local tree=$BATS_TEST_TMPDIR/tree
    mkdir -p "$tree/book/tools" "$tree/book/pictures"
    cp "$TOP/book/tools/pictures" "$tree/book/tools/"
    printf '0 MiB: 150.0\n256 MiB: 15000.0\n' >"$tree/data.txt"
    printf '# data: data.txt\nset terminal svg noenhanced\nplot "data.txt" using 1:3 title "fork"\n' \
        >"$tree/book/pictures/p.gp"
    run "$tree/book/tools/pictures" --check
    assert_failure
    assert_output --partial 'book/pictures/p.gp is not drawn: no book/pictures/p.svg'
    "$tree/book/tools/pictures"
    run "$tree/book/tools/pictures" --check
    assert_success
    printf '0 MiB: 150.0\n256 MiB: 9000.0\n' >"$tree/data.txt" # a new run
    run "$tree/book/tools/pictures" --check
    assert_failure
    assert_output --partial 'book/pictures/p.svg is not drawn from the current book/pictures/p.gp'
    "$tree/book/tools/pictures"
    run "$tree/book/tools/pictures" --check
    assert_success
    sed -i 's/>fork</>vfork</' "$tree/book/pictures/p.svg"
    run "$tree/book/tools/pictures" --check
    assert_failure
    assert_output --partial 'has texts that book/pictures/p.gp does not draw'
    assert_output --partial '+fork'
}

# The chapter pages: a page of book/ with a chapters/ directory of its name.
chapter_pages() {
    local page
    for page in "$TOP"/book/[0-9][0-9]-*.md; do
        [ ! -d "$TOP/chapters/$(basename "$page" .md)" ] || echo "$page"
    done
}

# The numbered items of a page's "## Try this" section, one a line.
exercises() {
    awk '/^## / { on = ($0 ~ /^## Try this/) ; next }
         on && /^[0-9]+\. / { if (item != "") print item; item = $0; next }
         on && /^   / && item != "" { item = item " " $0; next }
         on && /^$/ { next }
         on { if (item != "") print item; item = ""; on = 0 }
         END { if (item != "") print item }' "$1"
}

@test "book: every chapter page links man pages and ends with two to four exercises" {
    local page count
    while read -r page; do
        grep -q 'https://man7.org/linux/man-pages/man[0-9]/' "$page" ||
            fail "$(basename "$page") links no man page"
        [ "$(grep '^## ' "$page" | tail -n 1)" = "## Try this" ] ||
            fail "$(basename "$page") does not end with its exercises (## Try this)"
        count=$(exercises "$page" | wc -l)
        [ "$count" -ge 2 ] && [ "$count" -le 4 ] ||
            fail "$(basename "$page") has $count exercises, not two to four"
    done < <(chapter_pages)
}

@test "book: every exercise has a hint, and every chapter page links its worked answers" {
    local page name problems="" item anchor missing
    while read -r page; do
        name=$(basename "$page")
        missing=""
        while read -r item; do
            printf '%s\n' "$item" | grep -q -i 'hint' || missing="$missing ${item%%.*}"
        done < <(exercises "$page")
        [ -z "$missing" ] || problems="${problems}$name: exercises without a hint:$missing"$'\n'
        anchor=$(grep -o -m 1 '(answers\.md#[^)]*)' "$page" || true)
        anchor=${anchor#(answers.md#}
        anchor=${anchor%)}
        if [ -z "$anchor" ]; then
            problems="${problems}$name: no link to its answers (answers.md#...)"$'\n'
        elif ! grep -q "id=\"$anchor\"" "$HTML/answers.html"; then
            problems="${problems}$name links answers.md#$anchor, which is no heading there"$'\n'
        fi
    done < <(chapter_pages)
    [ -z "$problems" ] || fail "$problems"
}
