#!/usr/bin/env bats
# bats file_tags=slow
# pi-redis and a server that misbehaves (issue 10, items 4 and 5): one that
# stalls (stopped with SIGSTOP) before or during a run must not hang the
# run, which ends once a command has waited out its deadline, naming the
# server and the command; one that closes the connections of idle clients
# (redis-server --timeout) must not break a good run. The tests use their
# own private server, and always set it right afterwards (SIGCONT, no
# timeout).

setup_file() {
    load helpers
    redis_start "$BATS_FILE_TMPDIR"
}

teardown_file() {
    load helpers
    kill -CONT "$REDIS_PID" 2>/dev/null || true
    redis_stop
}

setup() {
    load helpers
    load pi
}

teardown() {
    kill -CONT "$REDIS_PID" 2>/dev/null || true
    redis-cli -s "$REDIS_HOST" CONFIG SET timeout 0 >/dev/null
}

# The deadline of every command, in seconds (chapters/09-pi-redis/pi-redis.c).
DEADLINE=5

# run_stalled ARGS...: run_chapter 09-pi-redis ARGS (LIMIT 30 s), setting
# $seconds to how long that took.
run_stalled() {
    local start=$EPOCHREALTIME
    LIMIT=30 run_chapter 09-pi-redis "$@"
    seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
}

# assert_took MIN MAX: the last run_stalled took from MIN to MAX seconds.
assert_took() {
    awk -v s="$seconds" -v min="$1" -v max="$2" 'BEGIN { exit !(s >= min && s < max) }' ||
        fail "took $seconds s, not from $1 to $2 s"
}

@test "pi-redis-server: a server stalled before the run: the first command gives up at its deadline, naming server and command" {
    kill -STOP "$REDIS_PID"
    run_stalled 1000 2
    kill -CONT "$REDIS_PID"
    assert_failure 1
    assert_output ""
    # shellcheck disable=SC2154 # run_chapter sets $stderr
    [[ $stderr =~ ^pi-redis:\ [A-Z]+\ to\ Redis\ at\ $REDIS_HOST:\ no\ reply\ within\ $DEADLINE\ s$ ]] ||
        fail "stderr: $stderr"
    assert_took "$DEADLINE" $((DEADLINE + 10))
    no_key_left
}

# stall_server: SIGSTOP the server while the workers in $PIDS are all at
# work, none of them having pushed its sum yet. To be sure of that, it
# stops the workers first, and looks for a socket among each one's open
# files (a worker connects only once its sum is done; the parent closed
# its own connection before forking): too late (status 2) if one has a
# socket, or has ended. Then the server stops, and the workers go on.
stall_server() {
    local pid fd
    for pid in $PIDS; do
        kill -STOP "$pid" 2>/dev/null || exit 2
    done
    for pid in $PIDS; do
        while proc_state "$pid" && [[ $PROC_STATE == [RSD] ]]; do
            sleep 0.001 # until it has stopped, or ended
        done
        has_ended "$pid" && let_go && exit 2
        for fd in /proc/"$pid"/fd/*; do
            [[ $(readlink "$fd") != socket:* ]] || { let_go && exit 2; }
        done
    done
    kill -STOP "$REDIS_PID"
    let_go
}

# let_go: SIGCONT each worker in $PIDS.
let_go() {
    local pid
    for pid in $PIDS; do
        kill -CONT "$pid" 2>/dev/null || true
    done
}

@test "pi-redis-server: a server stalled mid-run: each worker's push and the parent's DEL give up at their deadline" {
    local how=0
    at_work 09-pi-redis stall_server || how=$?
    kill -CONT "$REDIS_PID"
    [ "$how" -ne 3 ] || fail "09-pi-redis left a process behind (above)"
    [ "$how" -eq 0 ] || fail "could not stall the server while the workers were at work"
    assert_failure 1
    assert_output ""
    local timed_out="to Redis at $REDIS_HOST: no reply within $DEADLINE s"
    assert_equal "$(grep -c -x "pi-redis: RPUSHX $timed_out" <<<"$stderr")" 4
    assert_equal "$(grep -c -E -x 'pi-redis: worker [0-3] \(pid [0-9]+\) exited with status 1' <<<"$stderr")" 4
    assert_equal "$(tail -n 2 <<<"$stderr" | head -n 1)" "pi-redis: DEL $timed_out"
    # ... and it says what may be left: the key, unless the server ran the
    # DEL it sent after all.
    assert_regex "$(tail -n 1 <<<"$stderr")" '^pi-redis: pi-redis:[0-9a-f]{32} is left; it expires within a day$'
    assert_equal "$(wc -l <<<"$stderr")" 10
    # The server, going on, runs what it was sent, the DEL and the pushes
    # in any order: a push after the DEL (RPUSHX) must not make a new key.
    no_key_left
}

# no_key_left: the server, let go on, holds no key once it has caught up
# with what it was sent (within 10 s).
no_key_left() {
    for _ in $(seq 200); do
        [ -n "$(redis_keys)" ] || return 0
        sleep 0.05
    done
    assert_equal "$(redis_keys)" ""
}

# no_other_client: wait until this is the server's only client: no
# connection of pi-redis is open (at most 20 s).
no_other_client() {
    for _ in $(seq 400); do
        [ "$(redis-cli -s "$REDIS_HOST" CLIENT LIST | wc -l)" -gt 1 ] || return 0
        sleep 0.05
    done
    echo "still connected after 20 s:"
    redis-cli -s "$REDIS_HOST" CLIENT LIST
    return 1
}

@test "pi-redis-server: a server that drops idle clients (timeout 1) does not break a good run" {
    redis-cli -s "$REDIS_HOST" CONFIG SET timeout 1 >/dev/null
    # While worker 0 is held back, the others' sums are in the key, and
    # the server has closed any connection left idle (1 to 2 s).
    hold_back_slice_0 09-pi-redis no_other_client
    redis-cli -s "$REDIS_HOST" CONFIG SET timeout 0 >/dev/null
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" "$ORDER_PI"
    assert_equal "$(redis_keys)" ""
}
