# weave.awk - book/tools/weave's program (see there), run at the top of the
# repository: with -v mode=contents, print the contents table; with -v
# page=PATH -v shown=DIR, print the page woven, appending the text it shows
# of each file to DIR/FILE (its / as %), and exit 1 on an error.

BEGIN {
    # The contents table: "| [3. Killing a child](03-kill.md) | ... |" and
    # "| **Part 1: ...** |" rows, in the "## Contents" section.
    here = page
    sub(/.*\//, "", here)
    while ((getline line < "book/README.md") > 0) {
        if (line ~ /^#/) on = (line ~ /^## Contents/)
        if (!on || line !~ /^\|/) continue
        table[++rows] = line
        if (match(line, /^\| *\[[^]]*\]\([^)#]+\.md\) *\|/)) {
            cell = substr(line, RSTART, RLENGTH)
            title = cell; sub(/^\| *\[/, "", title); sub(/\]\(.*/, "", title)
            file = cell; sub(/.*\]\(/, "", file); sub(/\) *\|$/, "", file)
            if (mode == "contents") print "page\t" file "\t" title
            else if (system("test -f \"book/" file "\"") == 0) {
                # a page that exists: the neighbours are among these
                n++; pfile[n] = file; ptitle[n] = title; at[file] = n
                if (match(title, /^[0-9]+\. /)) {  # chapter N
                    number = substr(title, 1, RLENGTH - 2) + 0
                    chapter[number] = substr(title, RLENGTH + 1)
                    chapter_page[number] = file
                    if (number > last) last = number
                }
            }
        } else if (mode == "contents" && match(line, /^\| *\*\*[^*]+\*\* *\|/)) {
            title = substr(line, RSTART, RLENGTH)
            sub(/^\| *\*\*/, "", title); sub(/\*\* *\|$/, "", title)
            print "part\t-\t" title
        }
    }
    if (mode == "contents") exit
    # The answers page: which chapters have their heading already.
    if (here == "answers.md")
        while ((getline line < page) > 0)
            if (line ~ /^## Chapter [0-9]+: /) {
                split(line, w, " ")
                answered[w[3] + 0] = 1
            }
    # links in a table copied to a page outside book/ (README.md)
    prefix = (page ~ /^book\//) ? "" : "book/"
}

# A heading as GitHub and pandoc make its anchor.
function slug(text) {
    text = tolower(text)
    gsub(/[^a-z0-9 _-]/, "", text)
    gsub(/ /, "-", text)
    return text
}

function fail(text) {
    print page text > "/dev/stderr"
    bad = 1
}

/^\[Contents\]\(README\.md\)/ && !skipping && (here in at) {
    i = at[here]
    line = "[Contents](README.md)"
    if (i > 1) line = line " · Previous: [" ptitle[i - 1] "](" pfile[i - 1] ")"
    if (i < n) line = line " · Next: [" ptitle[i + 1] "](" pfile[i + 1] ")"
    print line
    navigated = 1
    next
}

# A chapter of the table with no heading on the answers page gets one, in
# its place, saying its answers are still to be written.
function headings_before(limit, at_end,   k) {
    for (k = 1; k < limit; k++)
        if ((k in chapter) && !(k in answered)) {
            if (at_end) print ""
            print "## Chapter " k ": " chapter[k]
            print ""
            print "No worked answers yet for [chapter " k "](" chapter_page[k] ")."
            if (!at_end) print ""
            answered[k] = 1
        }
}

/^## Chapter [0-9]+: / && !skipping {
    number = $3 + 0
    if (here == "answers.md") headings_before(number, 0)
    if (number in chapter) { print "## Chapter " number ": " chapter[number]; next }
}

/^Worked answers, .*\[answers for chapter [0-9]+\]\(answers\.md#/ && !skipping {
    number = $0
    sub(/.*\[answers for chapter /, "", number)
    number = number + 0
    if (number in chapter) {
        sub(/\(answers\.md#[^)]*\)/, "(answers.md#" slug("Chapter " number ": " chapter[number]) ")")
        print
        next
    }
}

/^<!-- contents -->$/ {
    print
    for (i = 1; i <= rows; i++) {
        line = table[i]
        if (prefix != "") gsub(/\]\(/, "](" prefix, line)
        print line
    }
    skipping = 2
    next
}
/^<!-- end contents -->$/ && skipping == 2 { skipping = 0; print; next }

# The text of FILE, or of its region "// ANCHOR: REGION" ... "// ANCHOR_END:
# REGION"; marker lines are never shown.
function extract(file, region,    line, name, inside, found, text, r) {
    inside = found = (region == "")
    while ((r = (getline line < file)) > 0) {
        if (line ~ /^[ \t]*\/\/ ANCHOR(_END)?: /) {
            name = line
            sub(/^[ \t]*\/\/ ANCHOR(_END)?: /, "", name)
            if (name == region) {
                inside = (line !~ /ANCHOR_END/)
                found = 1
            }
            continue
        }
        if (inside)
            text = text line "\n"
    }
    if (r < 0) {
        fail(":" NR ": no such file: " file)
        return ""
    }
    close(file)
    if (!found) fail(":" NR ": no region \"" region "\" in " file)
    return text
}

function language(file) {
    if (file ~ /\.[ch]$/) return "c"
    if (file ~ /\.txt$/) return "text"
    if (file ~ /\.(sh|bash|bats)$/) return "bash"
    if (file ~ /\.patch$/) return "diff"
    return ""
}

/^<!-- include: [^ ]+ -->$/ {
    print
    split($3, spec, ":")  # FILE or FILE:REGION
    file = spec[1]
    region = substr($3, length(file) + 2)
    text = extract(file, region)
    record = file
    gsub(/\//, "%", record)
    if (page ~ /^book\//) {  # what the book shows (README.md is no page of it)
        printf "%s", text >> (shown "/" record)
        close(shown "/" record)
    }
    print "```" language(file)
    printf "%s", text
    print "```"
    skipping = 1
    next
}

/^<!-- end include -->$/ {
    if (!skipping) fail(":" NR ": end include without include")
    skipping = 0
    print
    next
}

skipping { next }
{ print }

END {
    if (mode == "contents") exit
    if (here == "answers.md") headings_before(last + 1, 1)
    if (skipping == 1) fail(": include without <!-- end include -->")
    if (skipping == 2) fail(": <!-- contents --> without <!-- end contents -->")
    if ((here in at) && here != "README.md" && page ~ /^book\// && !navigated)
        fail(": no navigation line under its title ([Contents](README.md) ...)")
    exit bad
}
