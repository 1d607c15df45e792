#!/usr/bin/env bats
# shellcheck disable=SC2030,SC2031 # each test sets RUN_UNDER for itself
# shellcheck disable=SC2154 # run_chapter sets $stderr
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

# term_parent: at_work's action: SIGTERM to the program (the workers'
# parent) alone.
term_parent() {
    local worker stat
    worker=$(head -n 1 <<<"$PIDS")
    read -r stat <"/proc/$worker/stat" || exit 2
    stat=${stat##*) }
    stat=${stat#* }
    signal_if_still TERM "${stat%% *}" "${chapter#*-}" || exit 2
}

@test "environment: SIGINT, SIGTERM and SIGHUP inherited as blocked still stop a program that catches them, and nothing is left" {
    local chapter found=0 how
    load pi
    # perl blocks the three signals, then execs the program: a blocked
    # signal stays pending, and the program, were it not to unblock it,
    # would work on as if no kill had come.
    # shellcheck disable=SC2016 # perl expands its own variables
    export RUN_UNDER='perl -MPOSIX -e sigprocmask(SIG_BLOCK,POSIX::SigSet->new(SIGINT,SIGTERM,SIGHUP));exec(@ARGV)'
    for chapter in $(chapters_taking "[N [WORKERS]]"); do
        grep -q 'catch_stop_signals' "$TOP/chapters/$chapter/${chapter#*-}.c" || continue
        found=$((found + 1))
        how=0
        at_work "$chapter" term_parent || how=$?
        [ "$how" -ne 3 ] || fail "$chapter left a process behind (above)"
        [ "$how" -eq 0 ] || fail "$chapter: could not send SIGTERM at work"
        [ "$status" -eq 143 ] || fail "$chapter: exit status $status, not 143 (SIGTERM); stderr: $stderr"
        assert_equal "$output" ""
        assert_equal "$(ls -A "$TMPDIR")" ""
        assert_equal "$(redis_keys)" ""
    done
    [ "$found" -ge 2 ] || fail "only $found programs catch the stop signals"
}

@test "environment: a REDIS_HOST socket path too long for a socket address is refused (exit 2), not cut short to another server's path" {
    local file_host=$REDIS_HOST file_pid=$REDIS_PID dir pad long sock=/redis.sock
    # A server whose socket path is exactly 107 bytes, the most that
    # struct sockaddr_un holds; REDIS_HOST names a path below it, which
    # hiredis would cut back to that server's.
    pad=$((107 - ${#BATS_TEST_TMPDIR} - 1 - ${#sock}))
    [ "$pad" -gt 0 ] || skip "BATS_TEST_TMPDIR is too long for this test"
    dir=$BATS_TEST_TMPDIR/$(printf '%*s' "$pad" '' | tr ' ' d)
    mkdir "$dir"
    redis_start "$dir"
    long=$REDIS_HOST
    export REDIS_HOST=$long/elsewhere.sock
    run_chapter 09-pi-redis 1000 2
    redis_stop
    export REDIS_HOST=$file_host REDIS_PID=$file_pid
    assert_equal "${#long}" 107
    assert_equal "$status" 2
    assert_stderr_equals "pi-redis: REDIS_HOST is longer than a socket path can be (107 bytes)"
    assert_equal "$output" ""
}

@test "environment: a TMPDIR too long for a path is refused with a message, and nothing is made" {
    local length
    for length in 4000 5000; do
        TMPDIR=$BATS_TEST_TMPDIR/$(printf '%*s' "$length" '' | tr ' ' d)
        export TMPDIR
        run_chapter 10-pi-files 1000 2
        assert_failure 1
        assert_equal "$output" ""
        [[ "$stderr" = "mkdtemp: File name too long" || "$stderr" = "pi-files: TMPDIR is too long" ]] ||
            fail "TMPDIR of $length bytes: stderr: $stderr"
    done
}

@test "environment: with 4 file descriptors at most (RLIMIT_NOFILE), each parallel program succeeds or names the call that ran out, and leaves nothing" {
    local chapter
    export RUN_UNDER='prlimit --nofile=4'
    for chapter in $(chapters_taking "[N [WORKERS]]"); do
        run_chapter "$chapter" 1000000 4
        if [ "$status" -eq 0 ]; then
            assert_line --index 0 3.1415923352799644
            assert_no_stderr
        else
            assert_equal "$status" 1
            assert_equal "$output" ""
            [[ "$stderr" = *": Too many open files" ]] || fail "$chapter: stderr: $stderr"
        fi
        assert_equal "$(ls -A "$TMPDIR")" ""
        assert_equal "$(redis_keys)" ""
    done
}

@test "environment: started with stdin and stderr closed, each parallel program still prints the right pi, and leaves nothing" {
    local chapter
    # The files, pipes and sockets a program opens then take numbers 0
    # and 2: nothing of the run may be lost or mixed up for it.
    export RUN_UNDER='perl -e close(STDIN);close(STDERR);exec(@ARGV)'
    for chapter in $(chapters_taking "[N [WORKERS]]"); do
        run_chapter "$chapter" 1000000 4
        assert_success
        assert_line --index 0 3.1415923352799644
        assert_equal "$(ls -A "$TMPDIR")" ""
        assert_equal "$(redis_keys)" ""
    done
}
