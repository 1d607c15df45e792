#!/usr/bin/env bats
# After the whole suite: nothing of it is left on the machine. tests/run
# runs this file on its own, once every other test file has finished, and
# sets SUITE_START_TICKS (when the suite began, in clock ticks since boot,
# as /proc/PID/stat counts a process's start) and SUITE_TMPDIR (the TMPDIR
# every test and program of the suite was given).

setup() {
    load helpers
    [ -n "${SUITE_START_TICKS:-}" ] || skip "run by tests/run after the suite"
}

# started_since_suite NAME...: the processes started since the suite began
# whose command name (comm, at most 15 characters) is one of NAMEs, zombies
# included, one "pid state comm" line each.
started_since_suite() {
    local proc stat comm rest fields
    for proc in /proc/[0-9]*; do
        stat=$(cat "$proc/stat" 2>/dev/null) || continue
        comm=${stat#*(}
        comm=${comm%)*}
        rest=${stat##*) }
        read -r -a fields <<<"$rest"
        # fields[0] is the state (field 3 of stat), fields[19] the start time (field 22)
        [ "${fields[19]}" -ge "$SUITE_START_TICKS" ] || continue
        for name in "$@"; do
            if [ "$comm" = "${name:0:15}" ]; then
                echo "${proc#/proc/} ${fields[0]} $comm"
            fi
        done
    done
}

@test "leftovers: no chapter program is running or unreaped" {
    local slugs=() chapter
    for chapter in "$TOP"/chapters/[0-9][0-9]-*; do
        chapter=${chapter##*/}
        slugs+=("${chapter#*-}")
    done
    run started_since_suite "${slugs[@]}"
    assert_output ""
}

@test "leftovers: no test redis-server is running" {
    run started_since_suite redis-server
    assert_output ""
}

@test "leftovers: no temporary file or directory of the suite remains" {
    run find "$SUITE_TMPDIR" -mindepth 1 -maxdepth 1 ! -name 'bats-run-*'
    assert_output ""
}
