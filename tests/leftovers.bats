#!/usr/bin/env bats
# After the whole suite: nothing of it is left on the machine (processes,
# files, network namespaces and interfaces). tests/run
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
    local proc
    for proc in /proc/[0-9]*; do
        proc_state "${proc#/proc/}" || continue
        [ "$PROC_SESSION" != "$SUITE_SESSION" ] ||
            echo "${proc#/proc/} $PROC_STATE $PROC_COMM"
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

@test "leftovers: no network namespace or interface of the suite remains (22-pi-cluster-hosts.bats)" {
    [ "$(id -u)" -eq 0 ] || skip "needs root, as the namespaces it checks for do"
    run ip netns list
    refute_output --partial "pi-cluster-s$SUITE_ID-"
    run ip -o link show
    refute_output --regexp 'pc[0-9]+(s1|s2|a|b)[@:]'
}
