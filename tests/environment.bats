#!/usr/bin/env bats
# What the environment hands a program (issue 10, item 8): a parallel pi
# program still gives the right pi, or refuses clearly, when it starts with
# unusual settings inherited from whatever started it.

load redis

setup() {
    load helpers
    export TMPDIR=$BATS_TEST_TMPDIR/tmp
    mkdir "$TMPDIR"
}

@test "environment: SIGCHLD inherited as ignored (workers reaped by the kernel) does not break a run" {
    local chapter
    # perl sets SIGCHLD to SIG_IGN, then execs the program: no shell in
    # between, which would put the default back.
    # shellcheck disable=SC2016 # perl expands $SIG, not the shell
    export RUN_UNDER='perl -e $SIG{CHLD}="IGNORE";exec(@ARGV)'
    for chapter in $(chapters_taking "[N [WORKERS]]"); do
        run_chapter "$chapter" 1000000 4
        assert_no_stderr
        assert_success
        assert_line --index 0 3.1415923352799644
        assert_equal "$(ls -A "$TMPDIR")" ""
    done
}
