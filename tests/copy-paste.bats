#!/usr/bin/env bats
# Copy-paste proof: a reader who copies what a chapter's page shows, and
# types the cc command the page gives, gets a program that prints what the
# page says it prints.
#
# For every chapter page book/NN-slug.md (a page with a chapters/NN-slug
# directory), tests/copy-paste rebuilds the program in an empty directory
# from the page's code and book/common.md's header alone, with the page's
# own cc command plus -Werror. Then the chapter's transcript test (every
# test of tests/NN-slug.bats that calls assert_transcript) runs against that
# program instead of the repository's (helpers.bash: CHAPTERS_ROOT). The
# chapters' tests run side by side, so this file takes about as long as the
# slowest of them; the chapters' other tests (bad arguments, killed
# workers...) test the program, not the page, and are not run again.
# bats file_tags=slow

setup_file() {
    TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
    export PAGES=$BATS_FILE_TMPDIR/pages
    mkdir -p "$PAGES/chapters" "$BATS_FILE_TMPDIR/logs"
    # what runs a chapter: run_chapter runs it from CHAPTERS_ROOT
    cp "$TOP/chapters/run" "$PAGES/chapters/"
    local page chapter
    for page in "$TOP"/book/[0-9][0-9]-*.md; do
        chapter=$(basename "$page" .md)
        [ -d "$TOP/chapters/$chapter" ] || continue
        if "$TOP/tests/copy-paste" "$page" "$PAGES" >"$BATS_FILE_TMPDIR/logs/$chapter" 2>&1; then
            echo "$chapter" >>"$BATS_FILE_TMPDIR/built"
        else
            echo "$chapter" >>"$BATS_FILE_TMPDIR/failed"
        fi
    done
}

setup() {
    load helpers
}

@test "copy-paste: every chapter page's code builds with the cc command the page gives" {
    [ -s "$BATS_FILE_TMPDIR/built" ] || [ -s "$BATS_FILE_TMPDIR/failed" ] ||
        fail "no chapter page found in book/"
    if [ -s "$BATS_FILE_TMPDIR/failed" ]; then
        local chapter
        while read -r chapter; do
            printf -- '--- book/%s.md:\n' "$chapter"
            cat "$BATS_FILE_TMPDIR/logs/$chapter"
        done <"$BATS_FILE_TMPDIR/failed"
        fail "these pages do not rebuild their programs: $(tr '\n' ' ' <"$BATS_FILE_TMPDIR/failed")"
    fi
}

# The names of the tests in a test file that call assert_transcript, as
# one extended regular expression that matches just those names.
# shellcheck disable=SC2016 # sed's expression is a regular expression
transcript_tests() {
    awk '/^@test "/ { name = $0; sub(/^@test "/, "", name); sub(/" \{$/, "", name) }
         /^[[:space:]]*assert_transcript / && name != "" { print name; name = "" }' "$1" |
        sed 's/[][\.*^$(){}+?|/]/\\&/g'
}

@test "copy-paste: the programs built from the pages pass their chapters' transcript tests" {
    [ -s "$BATS_FILE_TMPDIR/built" ] || skip "no program was built from a page"
    local files=() names="" chapter name
    while read -r chapter; do
        [ -f "$TOP/tests/$chapter.bats" ] || fail "no test file tests/$chapter.bats"
        files+=("$TOP/tests/$chapter.bats")
        name=$(transcript_tests "$TOP/tests/$chapter.bats" | paste -s -d '|')
        [ -n "$name" ] || fail "tests/$chapter.bats has no test that calls assert_transcript"
        names=${names:+$names|}$name
    done <"$BATS_FILE_TMPDIR/built"
    run env CHAPTERS_ROOT="$PAGES" bats --jobs 16 --no-parallelize-within-files \
        --filter "^($names)\$" --formatter tap "${files[@]}"
    if [ "$status" -ne 0 ]; then
        printf '%s\n' "$output" | grep -v '^ok '
        fail "a program built from its page fails its chapter's test (above)"
    fi
    # every chapter's transcript test ran
    [ "$(grep -c '^ok ' <<<"$output")" -ge "${#files[@]}" ] ||
        fail "$(printf 'fewer tests ran than chapters:\n%s' "$output")"
}

# The same check on a doctored copy of the book, to see it fail.
doctored_book() {
    book=$BATS_TEST_TMPDIR/book
    mkdir -p "$book"
    cp "$TOP/book/common.md" "$TOP/book/01-fork.md" "$book/"
}

@test "copy-paste: a page whose code does not build fails, naming the page and the error" {
    doctored_book
    sed -i 's/^    return 0;$/    return 0/' "$book/01-fork.md"
    run "$TOP/tests/copy-paste" "$book/01-fork.md" "$BATS_TEST_TMPDIR/out"
    assert_failure
    assert_output --regexp 'fork\.c:[0-9]+:[0-9]+: error: expected'
    assert_output --partial "copy-paste: the code $book/01-fork.md shows does not build"
}

@test "copy-paste: a page that gives no cc command, or shows no code, fails" {
    doctored_book
    sed -i '/^$ cc /d' "$book/01-fork.md"
    run "$TOP/tests/copy-paste" "$book/01-fork.md" "$BATS_TEST_TMPDIR/out1"
    assert_failure
    assert_output --partial "gives the reader no cc command to type"
    doctored_book
    sed -i 's/^<!-- include: chapters.*//' "$book/01-fork.md"
    run "$TOP/tests/copy-paste" "$book/01-fork.md" "$BATS_TEST_TMPDIR/out2"
    assert_failure
    assert_output --partial "shows no code of chapters/01-fork/fork.c"
}
