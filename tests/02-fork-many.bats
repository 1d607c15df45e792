#!/usr/bin/env bats
# 02-fork-many: ten children, ten child lines and ten parent lines, whatever
# stdout is.

setup() {
    load helpers
}

@test "02-fork-many: ten parent lines and children 0 to 9, stdout a pipe" {
    run_chapter 02-fork-many
    assert_transcript 02-fork-many -C '^in child process'
    assert_success
    assert_no_stderr
}

@test "02-fork-many: the same when stdout is a file" {
    # A file is fully buffered, as a pipe is; without the program's
    # setvbuf() the children's lines would be lost or doubled here too.
    status=0
    timeout 30 "$TOP/chapters/run" --as-is 02-fork-many >"$BATS_TEST_TMPDIR/out" || status=$?
    output=$(cat "$BATS_TEST_TMPDIR/out")
    assert_success
    assert_transcript 02-fork-many -C '^in child process'
}
