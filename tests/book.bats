#!/usr/bin/env bats
# The book's pages are woven from the sources and transcripts they show,
# and the weaver refuses a page it cannot weave.

setup() {
    load helpers
}

@test "book: every page is woven from the current sources and transcripts" {
    run "$TOP/tests/weave" --check
    assert_success
    assert_output ""
}

# A tiny tree of our own, to see the weaver fail where it must.
make_tree() {
    tree=$BATS_TEST_TMPDIR/tree
    mkdir -p "$tree/tests" "$tree/book" "$tree/common" "$tree/chapters/01-x" "$tree/expected"
    cp "$TOP/tests/weave" "$tree/tests/"
    printf '// ANCHOR: a\nint a;\n// ANCHOR_END: a\n// ANCHOR: b\nint b;\n// ANCHOR_END: b\n' \
        >"$tree/chapters/01-x/x.c"
    printf 'out\n' >"$tree/expected/01-x.txt"
    printf '%s\n' '<!-- include: chapters/01-x/x.c:a -->' '<!-- end include -->' \
        '<!-- include: chapters/01-x/x.c:b -->' '<!-- end include -->' \
        '<!-- include: expected/01-x.txt -->' '<!-- end include -->' >"$tree/book/x.md"
}

@test "weave: a complete tiny book weaves, then checks clean" {
    make_tree
    run "$tree/tests/weave"
    assert_success
    run "$tree/tests/weave" --check
    assert_success
    run grep -c '^int [ab];$' "$tree/book/x.md"
    assert_output 2
}

@test "weave: a stale page fails the check with a diff" {
    make_tree
    "$tree/tests/weave"
    sed -i 's/int b;/int b = 1;/' "$tree/chapters/01-x/x.c"
    run "$tree/tests/weave" --check
    assert_failure
    assert_output --partial '+int b = 1;'
}

@test "weave: a missing region or file fails" {
    make_tree
    sed -i 's/x.c:b/x.c:c/' "$tree/book/x.md"
    run "$tree/tests/weave" --check
    assert_failure
    assert_output --partial 'no region "c" in chapters/01-x/x.c'
    sed -i 's/x.c:c/y.c/' "$tree/book/x.md"
    run "$tree/tests/weave" --check
    assert_failure
    assert_output --partial 'no such file: chapters/01-x/y.c'
}

@test "weave: a region no page shows, or a transcript no page shows, fails" {
    make_tree
    sed -i '3,4d' "$tree/book/x.md"
    run "$tree/tests/weave" --check
    assert_failure
    assert_output --partial 'does not show chapters/01-x/x.c whole'
    make_tree
    sed -i '5,6d' "$tree/book/x.md"
    run "$tree/tests/weave" --check
    assert_failure
    assert_output --partial 'no page shows expected/01-x.txt'
}
