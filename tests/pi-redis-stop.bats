#!/usr/bin/env bats
# pi-redis stopped midway (issue 10, item 2): after SIGINT to its process
# group (what Ctrl-C does), or SIGTERM or SIGHUP to the parent alone, sent
# once the workers are at work and some have pushed their sums, no worker
# is left alive, the run's key is gone, nothing is said on stderr, and the
# exit status says the program died of that signal (128 + its number).
# (A SIGINT inherited as ignored: tests/stop-signals.bats, for every
# parallel program.) After SIGKILL of the parent, what the page says
# remains: the key, with its day to live, and no worker.

load redis

setup() {
    load helpers
}

teardown() {
    redis-cli -s "$REDIS_HOST" FLUSHALL >/dev/null # what a failed test left
}

# stop_midway SIGNAL WHOM: start pi-redis (4 workers, 10^8 terms each) in
# a process group of its own with every signal at its default (set -m: job
# control); hold worker 0 back (SIGSTOP) until the 3 others have ended,
# having pushed their sums; then send SIGNAL to WHOM ("group" or
# "parent"). Prints how many sums the key held then, the program's exit
# status, and how many of its workers are alive (not zombies) a moment
# after it ended (the first count of 0 within 2 s, or the last); or
# "late" if worker 0 had ended before it could be held back. All that in
# a pid namespace of its own, whose first process (the bash) reaps the
# orphans (on this machine PID 1 reaps none) and takes anything still
# there with it when it ends. stderr goes to $BATS_TEST_TMPDIR/stderr.
stop_midway() {
    # shellcheck disable=SC2016 # for the inner bash
    timeout -k 2 60 unshare --pid --fork --kill-child --mount-proc bash -c '
        set -m
        "$0" --as-is 09-pi-redis 400000000 4 >/dev/null 2>"$3" &
        parent=$!
        workers=()
        for _ in $(seq 4000); do # until the program (not chapters/run) has a worker
            read -r comm 2>/dev/null <"/proc/$parent/comm"
            read -r -a workers 2>/dev/null <"/proc/$parent/task/$parent/children"
            [ "$comm" != pi-redis ] || [ "${#workers[@]}" -eq 0 ] || break
            sleep 0.005
        done
        [ "${#workers[@]}" -gt 0 ] || { echo "no worker"; exit 1; }
        kill -STOP "${workers[0]}"
        until read -r stat 2>/dev/null <"/proc/${workers[0]}/stat" &&
            [[ ${stat##*) } != [RSD]* ]]; do
            sleep 0.001 # until it has stopped, or ended
        done
        if [[ ${stat##*) } != T* ]]; then
            wait "$parent"
            echo late
            exit 0
        fi
        until [ "${#workers[@]}" -eq 4 ]; do
            read -r -a workers 2>/dev/null <"/proc/$parent/task/$parent/children"
            sleep 0.01
        done
        for pid in "${workers[@]:1}"; do
            until read -r stat 2>/dev/null <"/proc/$pid/stat" && [[ ${stat##*) } == Z* ]]; do
                sleep 0.01
            done
        done
        key=$(redis-cli -s "$REDIS_HOST" --raw KEYS "pi-redis:*")
        pushed=$(($(redis-cli -s "$REDIS_HOST" --raw LLEN "$key") - 1))
        if [ "$2" = group ]; then kill -s "$1" -- "-$parent"; else kill -s "$1" "$parent"; fi
        status=0
        wait "$parent" || status=$?
        # Worker 0, if still there, goes on: held back before its first
        # line (die_with_parent()), it would wait, stopped, forever.
        kill -CONT "${workers[0]}" 2>/dev/null
        for _ in $(seq 20); do
            alive=0
            for pid in "${workers[@]}"; do
                read -r stat 2>/dev/null <"/proc/$pid/stat" || continue
                [[ ${stat##*) } == Z* ]] || alive=$((alive + 1))
            done
            [ "$alive" -gt 0 ] || break
            sleep 0.1
        done
        echo "pushed $pushed, status $status, $alive workers alive"
    ' "$TOP/chapters/run" "$1" "$2" "$BATS_TEST_TMPDIR/stderr" 3>&- 4>&-
}

# run_stop_midway SIGNAL WHOM: stop_midway, again if it came too late (up
# to 3 times in all); sets $output.
run_stop_midway() {
    needs_namespaces
    for _ in 1 2 3; do
        run --separate-stderr stop_midway "$1" "$2"
        [ "$output" = late ] || return 0
    done
}

@test "pi-redis-stop: Ctrl-C (SIGINT to the process group) midway: exit 130, no worker, no key" {
    run_stop_midway INT group
    assert_output "pushed 3, status 130, 0 workers alive"
    assert_equal "$(cat "$BATS_TEST_TMPDIR/stderr")" ""
    assert_equal "$(redis_keys)" ""
}

@test "pi-redis-stop: SIGTERM to the parent midway: exit 143, no worker, no key" {
    run_stop_midway TERM parent
    assert_output "pushed 3, status 143, 0 workers alive"
    assert_equal "$(cat "$BATS_TEST_TMPDIR/stderr")" ""
    assert_equal "$(redis_keys)" ""
}

@test "pi-redis-stop: SIGHUP to the parent midway: exit 129, no worker, no key" {
    run_stop_midway HUP parent
    assert_output "pushed 3, status 129, 0 workers alive"
    assert_equal "$(cat "$BATS_TEST_TMPDIR/stderr")" ""
    assert_equal "$(redis_keys)" ""
}

@test "pi-redis-stop: SIGKILL to the parent midway: no worker; the key stays, to expire within a day" {
    run_stop_midway KILL parent
    assert_output "pushed 3, status 137, 0 workers alive"
    local key ttl
    key=$(redis_keys)
    ttl=$(redis-cli -s "$REDIS_HOST" TTL "$key")
    redis-cli -s "$REDIS_HOST" DEL "$key" >/dev/null
    [[ $key =~ ^pi-redis:[0-9a-f]{32}$ ]] || fail "keys left: $key"
    [ "$ttl" -gt 0 ] && [ "$ttl" -le 86400 ] || fail "time to live: $ttl"
}
