#!/usr/bin/env bats
# Ctrl-C, kill and a closed terminal stop a parallel pi program cleanly:
# after SIGINT to its whole process group (what Ctrl-C does), or SIGTERM or
# SIGHUP to the parent alone, no worker is left alive, nothing of the run
# remains (pi-files' directory, pi-redis' key), and the exit status says
# the program died of that signal (128 + its number: 130 for SIGINT). A
# SIGINT inherited as ignored (nohup, a shell's &) stays ignored. And
# whatever kills the parent, SIGKILL included, no worker outlives it by
# more than a moment (die_with_parent() in common/common.h).

load redis

setup() {
    load helpers
    export TMPDIR=$BATS_TEST_TMPDIR/tmp
    mkdir "$TMPDIR"
}

# stopped NN-slug SIGNAL WHOM: start the program with a sum far too long to
# finish and 4 workers, in a process group of its own with every signal at
# its default (set -m: job control); once its 4 workers are at work, send
# SIGNAL to WHOM ("group" or "parent"); print its exit status, then how
# many of its workers are alive (not zombies) a moment after it ended (the
# first count of 0 in 2 s, or the last). All that in a pid namespace of its
# own, whose first process (the bash) reaps the orphans (on this machine
# PID 1 reaps none) and takes anything still there with it when it ends.
stopped() {
    # shellcheck disable=SC2016 # for the inner bash
    timeout -k 2 30 unshare --pid --fork --kill-child --mount-proc bash -c '
        set -m
        "$0" --as-is "$1" 1000000000000 4 >/dev/null 2>"$4" &
        parent=$!
        for _ in $(seq 200); do
            read -r -a workers 2>/dev/null <"/proc/$parent/task/$parent/children"
            [ "${#workers[@]}" -lt 4 ] || break
            sleep 0.05
        done
        [ "${#workers[@]}" -eq 4 ] || { echo "no 4 workers"; exit 1; }
        if [ "$3" = group ]; then kill -s "$2" -- "-$parent"; else kill -s "$2" "$parent"; fi
        status=0
        wait "$parent" || status=$?
        for _ in $(seq 20); do
            alive=0
            for pid in "${workers[@]}"; do
                read -r stat 2>/dev/null <"/proc/$pid/stat" || continue
                stat=${stat##*) }
                [[ $stat == Z* ]] || alive=$((alive + 1))
            done
            [ "$alive" -gt 0 ] || break
            sleep 0.1
        done
        echo "status $status, $alive workers alive"
    ' "$TOP/chapters/run" "$1" "$2" "$3" "$BATS_TEST_TMPDIR/stderr" 3>&- 4>&-
}

# assert_stops SIGNAL WHOM STATUS: every parallel chapter, stopped so, ends
# with STATUS, no worker alive, nothing on stderr, nothing left in TMPDIR
# or in Redis.
assert_stops() {
    needs_namespaces
    local chapter problems=""
    for chapter in $(chapters_taking "[N [WORKERS]]"); do
        run --separate-stderr stopped "$chapter" "$1" "$2"
        [ "$output" = "status $3, 0 workers alive" ] ||
            problems+="${chapter#*-}: $output"$'\n'
        [ ! -s "$BATS_TEST_TMPDIR/stderr" ] ||
            problems+="${chapter#*-}: stderr: $(cat "$BATS_TEST_TMPDIR/stderr")"$'\n'
        [ -z "$(ls -A "$TMPDIR")" ] ||
            problems+="${chapter#*-}: left in TMPDIR: $(ls -A "$TMPDIR")"$'\n'
        rm -rf "${TMPDIR:?}"/*
        [ -z "$(redis_keys)" ] || problems+="${chapter#*-}: left in Redis: $(redis_keys)"$'\n'
    done
    [ -z "$problems" ] || fail "$problems"
}

@test "stop signals: Ctrl-C (SIGINT to the process group) stops the run, exit 130, nothing left" {
    assert_stops INT group 130
}

@test "stop signals: SIGTERM to the parent alone stops the run, exit 143, nothing left" {
    assert_stops TERM parent 143
}

@test "stop signals: SIGHUP to the parent alone stops the run, exit 129, nothing left" {
    assert_stops HUP parent 129
}

@test "stop signals: SIGKILL to the parent: no worker outlives it" {
    needs_namespaces
    local chapter problems=""
    for chapter in $(chapters_taking "[N [WORKERS]]"); do
        run --separate-stderr stopped "$chapter" KILL parent
        [ "$output" = "status 137, 0 workers alive" ] || problems+="${chapter#*-}: $output"$'\n'
    done
    [ -z "$problems" ] || fail "$problems"
    # What SIGKILL leaves, as the pages say: pi-files' directory, and
    # pi-redis' key, until it expires (tests/pi-redis-stop.bats looks at it).
    rm -rf "$TMPDIR"/pi-files.*
    assert_equal "$(ls -A "$TMPDIR")" ""
    redis_keys | grep -x 'pi-redis:[0-9a-f]*' | xargs -r redis-cli -s "$REDIS_HOST" DEL >/dev/null
    assert_equal "$(redis_keys)" ""
}

@test "stop signals: a SIGINT inherited as ignored stays ignored" {
    local chapter
    for chapter in $(chapters_taking "[N [WORKERS]]"); do
        # shellcheck disable=SC2016 # for the inner bash
        run timeout -k 2 30 bash -c 'trap "" INT
            "$0" --as-is "$1" 200000000 4 & program=$!
            for _ in $(seq 500); do # until the program (not chapters/run) has a worker
                read -r comm 2>/dev/null <"/proc/$program/comm"
                read -r -a workers 2>/dev/null <"/proc/$program/task/$program/children"
                [ "$comm" != "${1#*-}" ] || [ "${#workers[@]}" -eq 0 ] || break
                sleep 0.01
            done
            kill -INT "$program"; wait "$program"' "$TOP/chapters/run" "$chapter"
        assert_success
        assert_line --index 0 3.1415926526262297
        assert_equal "$(redis_keys)" ""
    done
}
