#!/usr/bin/env bats
# Every command the book shows is run (issue 9): each ```console block of
# book/*.md and README.md runs with cram, in a fresh copy of the built tree
# (book/tools/blocks), and its output must be what the page shows, after
# tests/normalize. A block that cannot run on every machine says so right
# before it: <!-- not checked: REASON -->. The answers' blocks, and their
# patches, are tests/answers.bats's.
# bats file_tags=slow

setup() {
    load helpers
}

# pages_but_answers: book/*.md but answers.md, and README.md.
pages_but_answers() {
    local page
    for page in "$TOP"/book/*.md; do
        [ "$page" = "$TOP/book/answers.md" ] || echo "book/${page##*/}"
    done
    echo README.md
}

@test "blocks: every console block is run or marked '<!-- not checked: REASON -->'; commands are in console blocks" {
    run "$TOP/book/tools/blocks" --list
    assert_success
    refute_output --partial 'blocks: '
}

@test "blocks: every console block of the pages and README.md prints what the page shows" {
    mapfile -t pages < <(pages_but_answers)
    run timeout -k 2 1200 "$TOP/book/tools/blocks" "${pages[@]}"
    assert_success
}

# A tiny tree of our own, to see the checker fail where it must.
make_tree() {
    tree=$BATS_TEST_TMPDIR/tree
    mkdir -p "$tree/book/tools" "$tree/tests" "$tree/chapters/01-x"
    cp "$TOP/book/tools/blocks" "$tree/book/tools/"
    cp "$TOP/tests/normalize" "$TOP/tests/normalize.awk" "$tree/tests/"
    cp "$TOP/chapters/run" "$tree/chapters/"
    printf 'int main(void) { return 0; }\n' >"$tree/chapters/01-x/x.c"
    printf '%s\n' '# X' '' '```console' '$ cc -o x x.c && ./x; echo $?' '0' \
        '$ echo "pid $$"' 'pid 1234' '```' >"$tree/book/01-x.md"
    printf '# T\n' >"$tree/README.md"
}

@test "blocks: a tiny book's blocks pass, from the chapter's directory, pids normalized" {
    make_tree
    run timeout -k 2 60 "$tree/book/tools/blocks"
    assert_success
    assert_output --partial 'Ran 1 tests, 0 skipped, 0 failed.'
}

@test "blocks: a wrong digit fails with a diff naming the page and the block" {
    make_tree
    sed -i 's/^0$/1/' "$tree/book/01-x.md"
    run timeout -k 2 60 "$tree/book/tools/blocks"
    assert_failure
    assert_output --partial '--- book-01-x.md-3.t'
    assert_output --partial '-  1'
    assert_output --partial '+  0'
}

@test "blocks: cc runs with -Werror" {
    make_tree
    printf 'int main(void) { int unused; return 0; }\n' >"$tree/chapters/01-x/x.c"
    sed -i 's/cc -o x/cc -Wall -o x/' "$tree/book/01-x.md"
    run timeout -k 2 60 "$tree/book/tools/blocks"
    assert_failure
    assert_output --partial 'error: unused variable'
}

@test "blocks: a mark without a reason, a mark on no console block, an sh block, a text block with a command: each fails" {
    make_tree
    sed -i '3i <!-- not checked: -->' "$tree/book/01-x.md"
    run "$tree/book/tools/blocks" --list
    assert_failure
    assert_output --partial 'book/01-x.md:4: a '"'"'not checked'"'"' mark needs a reason'
    make_tree
    printf '%s\n' '<!-- not checked: a terminal -->' '' '```console' '$ tty' '```' >>"$tree/book/01-x.md"
    run "$tree/book/tools/blocks" --list
    assert_failure
    assert_output --partial 'book/01-x.md:9: a '"'"'not checked'"'"' mark must come right before a console block'
    make_tree
    printf '%s\n' '```sh' 'make' '```' '```text' '$ ls' '```' >>"$tree/book/01-x.md"
    run "$tree/book/tools/blocks" --list
    assert_failure
    assert_output --partial 'book/01-x.md:9: commands go in a console block'
    assert_output --partial 'book/01-x.md:12: a ```text block shows a command'
}

@test "blocks: a marked block is not run, and is counted with its reason" {
    make_tree
    sed -i '3i <!-- not checked: needs a terminal -->' "$tree/book/01-x.md"
    sed -i 's/^0$/1/' "$tree/book/01-x.md"
    run "$tree/book/tools/blocks" --list
    assert_success
    assert_output --partial '0 console blocks run, 1 marked not checked'
    assert_output --partial 'not checked: book/01-x.md:4: needs a terminal'
    run timeout -k 2 60 "$tree/book/tools/blocks"
    assert_success
}

@test "blocks: a process a block leaves running fails the run, and is killed" {
    make_tree
    printf '%s\n' '```console' '$ sleep 100 &' '```' >>"$tree/book/01-x.md"
    run timeout -k 2 60 "$tree/book/tools/blocks"
    assert_failure
    assert_output --partial 'left running after the blocks, killed'
    assert_output --partial 'sleep'
}

@test "blocks: --bless (make bless) writes each block's output into the page, raw, and the page then passes" {
    make_tree
    sed -i 's/^0$/1/' "$tree/book/01-x.md"
    # CI=: the tool refuses to bless on CI (CI=true), where this test runs too
    CI='' run timeout -k 2 60 "$tree/book/tools/blocks" --bless
    assert_success
    assert_output 'bless: book/01-x.md'
    run sed -n '5p;7p' "$tree/book/01-x.md"
    assert_line --index 0 '0'
    assert_line --index 1 --regexp '^pid [0-9]+$'
    refute_output --partial '1234'
    run timeout -k 2 60 "$tree/book/tools/blocks"
    assert_success
}
