#!/usr/bin/env bats
# After the whole suite: nothing of it is left on the machine. tests/run
# runs every other test file in a session of its own, then this file on its
# own, with SUITE_SESSION (that session's id: every process the suite
# started stays in it, zombies included, unless it calls setsid itself)
# and SUITE_TMPDIR (the TMPDIR every test and program of the suite had).

setup() {
    load helpers
    [ -n "${SUITE_SESSION:-}" ] || skip "run by tests/run after the suite"
}

# in_suite_session: "pid state comm" of every process still in the suite's
# session: a program still running, a zombie nobody reaped, a server.
in_suite_session() {
    local proc stat comm rest fields
    for proc in /proc/[0-9]*; do
        stat=$(cat "$proc/stat" 2>/dev/null) || continue
        comm=${stat#*(}
        comm=${comm%)*}
        rest=${stat##*) }
        read -r -a fields <<<"$rest"
        # fields[0] is the state (field 3 of stat), fields[3] the session (field 6)
        if [ "${fields[3]}" = "$SUITE_SESSION" ]; then
            echo "${proc#/proc/} ${fields[0]} $comm"
        fi
    done
}

@test "leftovers: no process of the suite is running or unreaped (programs, redis-server)" {
    run in_suite_session
    assert_output ""
}

@test "leftovers: no temporary file or directory of the suite remains" {
    run find "$SUITE_TMPDIR" -mindepth 1 -maxdepth 1 ! -name 'bats-run-*'
    assert_output ""
}
