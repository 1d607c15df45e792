#!/usr/bin/env bats
# Faults from real limits, not from hooks in the code: fork() (or
# pthread_create()) fails because an unprivileged user has reached its
# process limit (RLIMIT_NPROC, which root ignores, and which counts threads
# too), and the program must say so, reap the children (join the threads)
# it made, and exit 1.

setup() {
    load helpers
}

teardown() {
    redis_stop # the server of the test that starts one, if it failed midway
}

# as_limited_user N: run_chapter's programs run as user nobody, allowed N
# processes of its own (counting those it already has). chapters/run itself
# runs as root and starts the program under RUN_UNDER from the chapter's
# directory: nobody needs no access to the directories above it.
as_limited_user() {
    [ "$(id -u)" -eq 0 ] || skip "needs root, to run the program as an unprivileged user"
    local has
    has=$(ps -u nobody -o pid= | wc -l)
    export RUN_UNDER="prlimit --nproc=$((has + $1)) setpriv --reuid=nobody --regid=nogroup --clear-groups"
}

@test "faults: 02-fork-many names the failed fork, reaps the children it made, exits 1" {
    as_limited_user 4
    run_chapter 02-fork-many
    assert_equal "$status" 1
    assert_stderr_equals "fork: Resource temporarily unavailable"
    local parents children
    parents=$(grep -c '^in parent process$' <<<"$output")
    children=$(grep -c '^in child process [0-9]$' <<<"$output")
    assert_equal "$children" "$parents"
    [ "$parents" -ge 1 ] && [ "$parents" -lt 10 ] || fail "made $parents children"
}

@test "faults: pi-pipe names the failed fork, collects the workers it made, prints no pi, exits 1" {
    as_limited_user 4
    run_chapter 11-pi-pipe 1000000 10
    assert_equal "$status" 1
    assert_output ""
    assert_stderr_equals "fork: Resource temporarily unavailable"
}

@test "faults: pi-shm names the failed fork, reaps the workers it made, prints no pi, exits 1" {
    as_limited_user 4
    run_chapter 20-pi-shm 1000000 10
    assert_equal "$status" 1
    assert_output ""
    assert_stderr_equals "fork: Resource temporarily unavailable"
}

# Threads count as processes for RLIMIT_NPROC: the same limit makes
# pthread_create() fail, which returns the error rather than setting errno.
@test "faults: pi-threads names the failed pthread_create, joins the threads it made, prints no pi, exits 1" {
    as_limited_user 4
    run_chapter 21-pi-threads 1000000 10
    assert_equal "$status" 1
    assert_output ""
    assert_stderr_equals "pthread_create: Resource temporarily unavailable"
}

# The test's own server goes away while the workers are at work: worker 0
# is held back (SIGSTOP) until the others have pushed their sums, the
# server is shut down, then worker 0 goes on, finds no server and fails.
@test "faults: Redis going away mid-run: the worker's error, the failure report, exit 1, nothing left" {
    load pi
    redis_start "$BATS_FILE_TMPDIR"
    hold_back_slice_0 09-pi-redis redis-cli -s "$REDIS_HOST" shutdown nosave
    redis_stop
    assert_equal "$status" 1
    assert_output ""
    local expected
    for expected in "pi-redis: cannot connect to Redis at $REDIS_HOST" \
        "pi-redis: worker 0 (pid " ") exited with status 1"; do
        # shellcheck disable=SC2154 # run_chapter sets $stderr
        [[ $stderr == *"$expected"* ]] || fail "stderr lacks '$expected': $stderr"
    done
}
