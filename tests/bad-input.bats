#!/usr/bin/env bats
# Bad input to every program that takes arguments: the usage on stderr,
# nothing on stdout, exit status 2, and no child process ever created
# (strace watches for fork, vfork and clone).

setup() {
    load helpers
}

# watch_children: run_chapter's program runs under strace, which logs every
# process it creates into $BATS_TEST_TMPDIR/strace. (LeakSanitizer cannot
# work under a tracer: in a SANITIZE=1 build it is switched off here.)
watch_children() {
    # shellcheck disable=SC2034,SC2054 # run_chapter's prefix; the commas are strace's
    RUN_PREFIX=(env ASAN_OPTIONS=detect_leaks=0
        strace -f -qq -o "$BATS_TEST_TMPDIR/strace"
        -e trace=fork,vfork,clone,clone3)
}

# refuses NN-slug ARGS...: the program refuses ARGS as bad input.
refuses() {
    local chapter=$1
    shift
    # shellcheck disable=SC2034 # run_chapter runs the program through it
    watch_children
    run_chapter "$chapter" "$@"
    assert_equal "$status" 2
    assert_equal "$output" ""
    # shellcheck disable=SC2154 # run_chapter sets $stderr
    [[ $stderr == Usage:* ]] || fail "no usage on stderr for '$*': $stderr"
    if [ -s "$BATS_TEST_TMPDIR/strace" ]; then
        fail "a child was created for '$*': $(cat "$BATS_TEST_TMPDIR/strace")"
    fi
}

# Not a number, negative, zero, overflowing, empty, trailing junk.
bad_counts=(abc -5 0 99999999999999999999999 "" 12x)

@test "bad input: pi-serial refuses a bad N and an extra argument" {
    for n in "${bad_counts[@]}"; do
        refuses 08-pi-serial "$n"
    done
    refuses 08-pi-serial 1000 2
}

@test "bad input: the parallel pi programs refuse a bad N, a bad WORKERS, extra arguments" {
    local chapter value
    for chapter in 09-pi-redis 10-pi-files 11-pi-pipe; do
        for value in "${bad_counts[@]}"; do
            refuses "$chapter" "$value"
            refuses "$chapter" 1000 "$value"
        done
        refuses "$chapter" 1000 101
        refuses "$chapter" 1000 2 3
    done
}

@test "bad input: strace does see a child when there is one" {
    watch_children
    run_chapter 11-pi-pipe 1000 2
    assert_success
    run grep -c -E '^[0-9]+ +(fork|vfork|clone|clone3)\(' "$BATS_TEST_TMPDIR/strace"
    assert_output 2
}
