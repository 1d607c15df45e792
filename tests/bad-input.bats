#!/usr/bin/env bats
# Bad input to every program that takes arguments: the usage on stderr,
# nothing on stdout, exit status 2, and no child process ever created
# (strace watches for fork, vfork and clone).

setup() {
    load helpers
}

# refuses NN-slug ARGS...: the program, run from its directory under strace
# (which logs every process it creates), refuses ARGS as bad input. This
# runs many times, so it runs the program directly rather than through
# run_chapter: strace itself proves that no process was left behind.
# (LeakSanitizer cannot work under a tracer: in a SANITIZE=1 build it is
# switched off here.)
refuses() {
    local chapter=$1 log=$BATS_TEST_TMPDIR/strace
    shift
    rm -f "$log"
    status=0
    (cd "$TOP/chapters/$chapter" &&
        ASAN_OPTIONS=detect_leaks=0 exec timeout 10 strace -f -qq -o "$log" \
            -e trace=fork,vfork,clone,clone3 "./${chapter#*-}" "$@") \
        >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" || status=$?
    assert_equal "$status" 2
    assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" ""
    grep -q '^Usage: ' "$BATS_TEST_TMPDIR/err" ||
        fail "no usage on stderr for '$*': $(cat "$BATS_TEST_TMPDIR/err")"
    if [ -s "$log" ]; then
        fail "a child was created for '$*': $(cat "$log")"
    fi
}

bad_counts=(abc -5 0 99999999999999999999999 "" 12x)

@test "bad input: the programs taking [N] refuse a bad N and an extra argument" {
    local chapter n
    for chapter in $(chapters_taking "[N]"); do
        for n in "${bad_counts[@]}"; do
            refuses "$chapter" "$n"
        done
        refuses "$chapter" 1000 2
    done
}

@test "bad input: the programs taking [N [WORKERS]] or [N [THREADS]] refuse a bad N, a bad count, extra arguments, and start no child or thread" {
    # strace's clone and clone3 are also how a thread is made.
    local chapter value
    for chapter in $(chapters_taking "[N [WORKERS]]") $(chapters_taking "[N [THREADS]]"); do
        for value in "${bad_counts[@]}"; do
            refuses "$chapter" "$value"
            refuses "$chapter" 1000 "$value"
        done
        refuses "$chapter" 1000 101
        refuses "$chapter" 1000 2 3
    done
}

@test "bad input: the programs of Parts 3 and 4 taking no arguments refuse one" {
    # (Part 1's programs, chapters 1 to 7, take none and ignore any.)
    local chapter count=0
    for chapter in $(chapters_taking ""); do
        [ "${chapter%%-*}" -ge 13 ] || continue
        refuses "$chapter" extra
        refuses "$chapter" ""
        count=$((count + 1))
    done
    [ "$count" -gt 0 ] || fail "no chapter of Part 3 takes no arguments"
}

@test "bad input: strace does see a child when there is one" {
    run refuses 11-pi-pipe 1000 2
    assert_failure
    assert_output --partial "expected : 2"
    run grep -c -E '^[0-9]+ +(fork|vfork|clone|clone3)\(' "$BATS_TEST_TMPDIR/strace"
    assert_output 2
}

@test "bad input: strace does see a thread when there is one" {
    [ -n "$(chapters_taking "[N [THREADS]]")" ] || fail "no program taking [N [THREADS]]"
    run refuses 21-pi-threads 1000 2
    assert_failure
    assert_output --partial "expected : 2"
    run grep -c -E '^[0-9]+ +(clone|clone3)\(' "$BATS_TEST_TMPDIR/strace"
    assert_output 2
}
