#!/usr/bin/env bats
# The book's pages are woven from the sources and transcripts they show,
# and the weaver refuses a page it cannot weave.

setup() {
    load helpers
}

@test "book: every page is woven from the current sources and transcripts" {
    run "$TOP/book/tools/weave" --check
    assert_success
    assert_output ""
}

# A tiny tree of our own, to see the weaver fail where it must.
make_tree() {
    tree=$BATS_TEST_TMPDIR/tree
    mkdir -p "$tree/book/tools" "$tree/common" "$tree/chapters/01-x" "$tree/expected"
    cp "$TOP/book/tools/weave" "$TOP/book/tools/weave.awk" "$tree/book/tools/"
    printf '// ANCHOR: a\nint a;\n// ANCHOR_END: a\n// ANCHOR: b\nint b;\n// ANCHOR_END: b\n' \
        >"$tree/chapters/01-x/x.c"
    printf 'out\n' >"$tree/expected/01-x.txt"
    printf '%s\n' '<!-- include: chapters/01-x/x.c:a -->' '<!-- end include -->' \
        '<!-- include: chapters/01-x/x.c:b -->' '<!-- end include -->' \
        '<!-- include: expected/01-x.txt -->' '<!-- end include -->' >"$tree/book/x.md"
}

@test "weave: a complete tiny book weaves, then checks clean" {
    make_tree
    run "$tree/book/tools/weave"
    assert_success
    run "$tree/book/tools/weave" --check
    assert_success
    run grep -c '^int [ab];$' "$tree/book/x.md"
    assert_output 2
}

@test "weave: a stale page fails the check with a diff" {
    make_tree
    "$tree/book/tools/weave"
    sed -i 's/int b;/int b = 1;/' "$tree/chapters/01-x/x.c"
    run "$tree/book/tools/weave" --check
    assert_failure
    assert_output --partial '+int b = 1;'
}

@test "weave: a missing region or file fails" {
    make_tree
    sed -i 's/x.c:b/x.c:c/' "$tree/book/x.md"
    run "$tree/book/tools/weave" --check
    assert_failure
    assert_output --partial 'no region "c" in chapters/01-x/x.c'
    sed -i 's/x.c:c/y.c/' "$tree/book/x.md"
    run "$tree/book/tools/weave" --check
    assert_failure
    assert_output --partial 'no such file: chapters/01-x/y.c'
}

@test "weave: a region no page shows, or a transcript no page shows, fails" {
    make_tree
    sed -i '3,4d' "$tree/book/x.md"
    run "$tree/book/tools/weave" --check
    assert_failure
    assert_output --partial 'does not show chapters/01-x/x.c whole'
    make_tree
    sed -i '5,6d' "$tree/book/x.md"
    run "$tree/book/tools/weave" --check
    assert_failure
    assert_output --partial 'no page shows expected/01-x.txt'
}

# A tiny book with a contents table of three pages, a README.md beside it
# that shows the table, and an answers page.
# shellcheck disable=SC2016 # the backquotes are markdown's
make_book() {
    tree=$BATS_TEST_TMPDIR/book-tree
    mkdir -p "$tree/book/tools"
    cp "$TOP/book/tools/weave" "$TOP/book/tools/weave.awk" "$tree/book/tools/"
    printf '%s\n' '# Book' '' '## Contents' '' '| page | program |' '|---|---|' \
        '| **Part 1: one** | |' '| [1. First](01-a.md) | `a.c` |' \
        '| [2. Second](02-b.md) | `b.c` |' '| [Answers](answers.md) | |' >"$tree/book/README.md"
    local page
    for page in 01-a 02-b; do
        printf '%s\n' "# ${page}" '' '[Contents](README.md) · Next: [somewhere](x.md)' '' \
            'Worked answers, with what we saw when we did them: [answers for chapter 1](answers.md#x).' \
            >"$tree/book/$page.md"
    done
    printf '%s\n' '# Answers' '' '[Contents](README.md)' '' '## Chapter 1: old title' \
        >"$tree/book/answers.md"
    printf '%s\n' '# Top' '<!-- contents -->' 'old' '<!-- end contents -->' >"$tree/README.md"
}

@test "weave: navigation, answers headings and the README's list come from the contents table" {
    make_book
    run "$tree/book/tools/weave" --check
    assert_failure
    assert_output --partial '+[Contents](README.md) · Previous: [1. First](01-a.md) · Next: [Answers](answers.md)'
    "$tree/book/tools/weave"
    run "$tree/book/tools/weave" --check
    assert_success
    assert_equal "$(sed -n 3p "$tree/book/01-a.md")" '[Contents](README.md) · Next: [2. Second](02-b.md)'
    assert_equal "$(sed -n 3p "$tree/book/answers.md")" '[Contents](README.md) · Previous: [2. Second](02-b.md)'
    assert_equal "$(sed -n 5p "$tree/book/answers.md")" '## Chapter 1: First'
    # chapter 2 had no heading there: it has one now, and says why it is empty
    assert_equal "$(sed -n '6,$p' "$tree/book/answers.md")" "$(printf '\n%s\n\n%s' \
        '## Chapter 2: Second' 'No worked answers yet for [chapter 2](02-b.md).')"
    grep -q -F '[answers for chapter 1](answers.md#chapter-1-first)' "$tree/book/02-b.md" ||
        fail "the answers link was not made: $(cat "$tree/book/02-b.md")"
    # shellcheck disable=SC2016 # the backquotes are markdown's
    grep -q -F '| [2. Second](book/02-b.md) | `b.c` |' "$tree/README.md" ||
        fail "README.md does not show the contents: $(cat "$tree/README.md")"
    run "$tree/book/tools/weave" --contents
    assert_output "$(printf 'part\t-\tPart 1: one\npage\t01-a.md\t1. First\npage\t02-b.md\t2. Second\npage\tanswers.md\tAnswers')"
}

@test "weave: a page of the contents table without its navigation line fails" {
    make_book
    sed -i '3d' "$tree/book/02-b.md"
    run "$tree/book/tools/weave" --check
    assert_failure
    assert_output --partial 'book/02-b.md: no navigation line under its title'
}
