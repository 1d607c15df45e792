#!/usr/bin/env bats
# 13-exec: fork, exec another program, wait; what survives exec; exec failing.

setup() {
    load helpers
}

@test "13-exec: sh keeps SIGINT ignored, loses the SIGTERM handler, and the parent says so" {
    run_chapter 13-exec
    assert_transcript 13-exec
    assert_success
    assert_no_stderr
}

@test "13-exec: the program exec'd is the same process: one pid before exec, in sh and in the parent's report" {
    run_chapter 13-exec
    assert_success
    local before after reaped
    before=$(sed -n 's/^child pid \([0-9]*\): .*/\1/p' <<<"$output")
    after=$(sed -n 's/^sh: I am pid \([0-9]*\)$/\1/p' <<<"$output")
    reaped=$(sed -n 's/^parent: child pid \([0-9]*\) .*/\1/p' <<<"$output")
    [ -n "$before" ] || fail "no 'child pid N' line: $output"
    assert_equal "$after" "$before"
    assert_equal "$reaped" "$before"
}

@test "13-exec: no such command: the child says why and exits 127" {
    run_chapter 13-exec no-such-command
    assert_success
    assert_line --index 2 --regexp '^parent: child pid [0-9]+ exited with status 127$'
    assert_stderr_equals "no-such-command: No such file or directory"
}

@test "13-exec: a file that is not executable: the child exits 126" {
    run_chapter 13-exec ./exec.c
    assert_success
    assert_line --index 2 --regexp '^parent: child pid [0-9]+ exited with status 126$'
    assert_stderr_equals "./exec.c: Permission denied"
}

@test "13-exec: execvp searches the PATH for a name without a slash, not for a path" {
    RUN_UNDER='env PATH=/nowhere' run_chapter 13-exec sh -c 'exit 3'
    assert_line --index 2 --regexp 'exited with status 127$'
    assert_stderr_equals "sh: No such file or directory"
    RUN_UNDER='env PATH=/nowhere' run_chapter 13-exec /bin/sh -c 'exit 3'
    assert_line --index 2 --regexp 'exited with status 3$'
    assert_no_stderr
}
