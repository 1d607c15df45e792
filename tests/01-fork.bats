#!/usr/bin/env bats
# 01-fork: one fork(); parent and child each say who they are.

setup() {
    load helpers
}

@test "01-fork: parent and child each print one line" {
    run_chapter 01-fork
    assert_transcript 01-fork -c '^in child process'
    assert_success
    assert_no_stderr
}

@test "01-fork: each names the other by the pid fork() gave" {
    run_chapter 01-fork
    assert_success
    local parent child
    parent=$(printf '%s\n' "$output" | sed -n 's/^in parent process (pid \([0-9]*\)), child pid \([0-9]*\)$/\1 \2/p')
    child=$(printf '%s\n' "$output" | sed -n 's/^in child process (pid \([0-9]*\)), parent pid \([0-9]*\)$/\2 \1/p')
    [ -n "$parent" ] || fail "no parent line in: $output"
    assert_equal "$child" "$parent"
}
