#!/usr/bin/env bats
# 22-pi-cluster: a coordinator queues the slices in Redis, local workers and
# --worker processes (remote-style: started on their own, finding the run
# on the server) take them; a worker that dies mid-task has its slice done
# again after its lease; the pi is pi-pipe's, digit for digit. Every test
# ends with nothing of the run left in the file's private server.

load redis

setup() {
    load helpers
    # A run here is short, but the machine may be busy with other suites:
    # run_chapter's bound, and the --workers', are generous.
    # shellcheck disable=SC2034 # run_chapter reads it
    LIMIT=120
}

teardown() {
    # What a failed test left running, then in Redis.
    local pid
    for pid in "${WORKER_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    redis-cli -s "$REDIS_HOST" FLUSHALL >/dev/null 2>&1 || true
}

WORKER_PIDS=()

# start_workers COUNT: COUNT `pi-cluster --worker` processes, started from
# the chapter's directory as a reader on another host would start them;
# their pids in WORKER_PIDS, the stderr of the i-th in $BATS_TEST_TMPDIR/worker.i.
start_workers() {
    local i
    WORKER_PIDS=()
    for ((i = 0; i < $1; i++)); do
        (cd "$TOP/chapters/22-pi-cluster" &&
            exec timeout -k 2 120 ./pi-cluster --worker) \
            >"$BATS_TEST_TMPDIR/worker.$i.out" 2>"$BATS_TEST_TMPDIR/worker.$i" </dev/null 3>&- 4>&- &
        WORKER_PIDS+=($!)
    done
}

# wait_workers: wait for the workers of start_workers; sets WORKER_STATUS
# to their exit statuses, in order, separated by spaces.
wait_workers() {
    local pid s
    WORKER_STATUS=""
    for pid in "${WORKER_PIDS[@]}"; do
        s=0
        wait "$pid" || s=$?
        WORKER_STATUS+="${WORKER_STATUS:+ }$s"
    done
    WORKER_PIDS=()
}

# key_like PATTERN: the first key matching PATTERN, once there is one
# (within 60 s; else status 1).
key_like() {
    local key deadline=$((SECONDS + 60))
    while [ "$SECONDS" -lt "$deadline" ]; do
        key=$(redis-cli -s "$REDIS_HOST" --raw KEYS "$1" | head -n 1)
        [ -z "$key" ] || { echo "$key" && return 0; }
        sleep 0.01
    done
    return 1
}

# pid_of DOING-KEY: the pid in a worker's name, pi-cluster:RUN:doing:HOST:PID:BITS.
pid_of() {
    local name=${1#*:doing:}
    name=${name%:*}
    echo "${name##*:}"
}

@test "22-pi-cluster: the defaults give 3.141592650405625, pi-pipe's; no key is left" {
    run_chapter 22-pi-cluster
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.141592650405625
    assert_transcript 22-pi-cluster
    assert_equal "$(redis_keys)" ""
}

@test "22-pi-cluster: pi-pipe's digits for any N, SLICES, local workers (0 too) and --worker processes" {
    local case n slices local_workers remote expected i problems=""
    # N SLICES K REMOTE PI(pi-pipe N SLICES)
    for case in "1000 3 0 2 3.1412743276027384" "12345 100 0 3 3.1415668689650635" \
        "1 1 1 0 2.8284271247461903" "10000000 7 3 0 3.1415926217588885" \
        "200000000 8 0 2 3.1415926519668753"; do
        read -r n slices local_workers remote expected <<<"$case"
        start_workers "$remote"
        sleep 0.2 # the workers are up, looking for a run: started before it
        run_chapter 22-pi-cluster "$n" "$slices" --workers "$local_workers"
        wait_workers
        [ "$status" -eq 0 ] && [ "${lines[0]}" = "$expected" ] && [ -z "$stderr" ] ||
            problems+="$case: status $status, pi ${lines[0]}, stderr '$stderr'"$'\n'
        [ "$WORKER_STATUS" = "$(for ((i = 0; i < remote; i++)); do echo 0; done | paste -s -d ' ')" ] ||
            problems+="$case: the --workers' statuses: '$WORKER_STATUS', stderr: '$(cat "$BATS_TEST_TMPDIR"/worker.*)'"$'\n'
        [ -z "$(redis_keys)" ] || problems+="$case: left in Redis: $(redis_keys)"$'\n'
    done
    [ -z "$problems" ] || fail "$problems"
}

# kill_holder: once a worker holds a task (its in-progress list exists),
# SIGKILL it; its pid in $BATS_TEST_TMPDIR/victim. (If that worker has
# ended meanwhile, another's.)
kill_holder() {
    local key victim
    for _ in $(seq 100); do
        key=$(key_like 'pi-cluster:*:doing:*') || exit 1
        victim=$(pid_of "$key")
        if signal_if_still KILL "$victim" pi-cluster "REDIS_HOST=$REDIS_HOST"; then
            echo "$victim" >"$BATS_TEST_TMPDIR/victim"
            return 0
        fi
    done
    exit 1
}

@test "22-pi-cluster: a local worker killed mid-task: reported, its slice done again after the lease, pi exact" {
    kill_holder 3>&- 4>&- &
    local helper=$!
    run_chapter 22-pi-cluster 200000000 8 --workers 2
    wait "$helper" || fail "no worker was seen holding a task"
    local victim
    victim=$(cat "$BATS_TEST_TMPDIR/victim")
    assert_success
    assert_equal "${lines[0]}" 3.1415926519668753
    local killed="pi-cluster: worker [01] \\(pid $victim\\) was killed by signal 9 \\(Killed\\)"
    local lease="pi-cluster: worker [^ ]+:$victim:[0-9a-f]{8}'s lease ran out: task [0-7] queued again"
    [[ $stderr =~ ^$killed$'\n'$lease$ ]] ||
        fail "stderr: $stderr"
    assert_equal "$(redis_keys)" ""
}

@test "22-pi-cluster: a --worker killed mid-task: its slice done again after the lease, pi exact" {
    start_workers 2
    kill_holder 3>&- 4>&- &
    local helper=$!
    run_chapter 22-pi-cluster 200000000 8 --workers 0
    wait "$helper" || fail "no worker was seen holding a task"
    wait_workers
    local victim
    victim=$(cat "$BATS_TEST_TMPDIR/victim")
    assert_success
    assert_equal "${lines[0]}" 3.1415926519668753
    [[ $stderr =~ ^pi-cluster:\ worker\ [^\ ]+:$victim:[0-9a-f]{8}\'s\ lease\ ran\ out:\ task\ [0-7]\ queued\ again$ ]] ||
        fail "stderr: $stderr"
    [[ $WORKER_STATUS =~ ^(0\ 137|137\ 0)$ ]] || fail "the --workers' statuses: $WORKER_STATUS"
    assert_equal "$(redis_keys)" ""
}

# run_timed ARGS...: run_chapter 22-pi-cluster ARGS, setting $seconds to
# how long the program itself ran.
run_timed() {
    # shellcheck disable=SC2016,SC2034 # for the inner shell; run_chapter's
    RUN_PREFIX=(bash -c 'start=$EPOCHREALTIME; "$@"; status=$?
        echo "$start $EPOCHREALTIME" >"$0"; exit $status' "$BATS_TEST_TMPDIR/times")
    run_chapter 22-pi-cluster "$@"
    seconds=$(awk '{ print $2 - $1 }' "$BATS_TEST_TMPDIR/times")
}

@test "22-pi-cluster: no server: where, how to start one, exit 1, at once; a --worker says where, exit 1" {
    [ "$(redis-cli -p 1 PING 2>/dev/null)" = "" ] || skip "something answers on port 1"
    REDIS_HOST=127.0.0.1 REDIS_PORT=1 run_timed 1000 2
    assert_failure 1
    assert_output ""
    assert_stderr_equals "pi-cluster: cannot connect to Redis at 127.0.0.1:1: Connection refused
pi-cluster: start one with: redis-server --port 1
pi-cluster: or run make run-22-pi-cluster, which starts a private one"
    awk -v s="$seconds" 'BEGIN { exit !(s < 1) }' || fail "took $seconds s"
    REDIS_HOST=127.0.0.1 REDIS_PORT=1 run_chapter 22-pi-cluster --worker
    assert_failure 1
    assert_stderr_equals "pi-cluster: cannot connect to Redis at 127.0.0.1:1: Connection refused"
}

# in_the_middle ACTION: once a worker holds a task, ACTION (a command).
in_the_middle() {
    key_like 'pi-cluster:*:doing:*' >/dev/null || exit 1
    "$@"
}

@test "22-pi-cluster: the server restarted mid-run: the failed command named, no pi, exit 1 within 6 s" {
    # A server of this test's own, restarted empty (it saves nothing).
    local REDIS_HOST REDIS_PID dir=$BATS_TEST_TMPDIR/server
    mkdir "$dir"
    redis_start "$dir"
    (in_the_middle redis-cli -s "$REDIS_HOST" SHUTDOWN NOSAVE) 3>&- 4>&- &
    local helper=$!
    run_timed 100000000000 4 --workers 2
    wait "$helper" || true
    wait "$REDIS_PID" || true
    redis_start "$dir"
    assert_failure 1
    assert_output ""
    # The coordinator's own message first (its workers may have said more).
    [[ ${stderr%%$'\n'*} =~ ^pi-cluster:\ [A-Z]+\ to\ Redis\ at\ $REDIS_HOST:\ .+$ ]] ||
        fail "stderr: $stderr"
    awk -v s="$seconds" 'BEGIN { exit !(s < 6) }' || fail "took $seconds s"
    assert_equal "$(redis_keys)" ""
    redis_stop
}

@test "22-pi-cluster: the server unreachable mid-run (stopped): no reply within 5 s, no pi, exit 1 within 6 s" {
    local REDIS_HOST REDIS_PID dir=$BATS_TEST_TMPDIR/server
    mkdir "$dir"
    redis_start "$dir"
    (in_the_middle kill -STOP "$REDIS_PID") 3>&- 4>&- &
    local helper=$!
    run_timed 100000000000 4 --workers 2
    wait "$helper" || true
    kill -CONT "$REDIS_PID"
    assert_failure 1
    assert_output ""
    [[ $stderr =~ ^pi-cluster:\ [A-Z]+\ to\ Redis\ at\ $REDIS_HOST:\ no\ reply\ within\ 5\ s($'\n'|$) ]] ||
        fail "stderr: $stderr"
    awk -v s="$seconds" 'BEGIN { exit !(s < 6.5) }' || fail "took $seconds s"
    redis_stop
}

# spoil VALUE...: once the run's sums exist, push VALUEs (printf %b: \0 is
# a NUL byte) onto them.
spoil() {
    local key value
    key=$(key_like 'pi-cluster:*:sums') || exit 1
    for value in "$@"; do
        printf '%b' "$value" | redis-cli -s "$REDIS_HOST" -x RPUSH "$key" >/dev/null
    done
}

@test "22-pi-cluster: an entry that is not a sum of this run is refused, never summed: no pi, exit 1, no key left" {
    local value helper problems=""
    for value in '1 nan' '1 -9' '1 1e999' '1 0.5garbage' '1 0.5 ' '1 0.5\0garbage' \
        ' 1 0.5' '1  0.5' '+1 0.5' '4294967297 0.5' '3 0.5' '1' ''; do
        # No worker: nothing but the spoiled entry ever arrives.
        spoil "$value" 3>&- 4>&- &
        helper=$!
        run_chapter 22-pi-cluster 1000 3 --workers 0
        wait "$helper" || problems+="'$value': could not push it"$'\n'
        [ "$status" -eq 1 ] && [ -z "$output" ] &&
            [[ $stderr =~ ^pi-cluster:\ pi-cluster:[0-9a-f]{32}:sums:\ unexpected\ entry\ 1$ ]] ||
            problems+="'$value': status $status, output '$output', stderr '$stderr'"$'\n'
        [ -z "$(redis_keys)" ] || problems+="'$value': left in Redis: $(redis_keys)"$'\n'
    done
    # A slice's sum twice, different: one of them is not this run's.
    spoil '0 0.25' '0 0.5' 3>&- 4>&- &
    helper=$!
    run_chapter 22-pi-cluster 1000 3 --workers 0
    wait "$helper" || true
    [ "$status" -eq 1 ] && [ -z "$output" ] &&
        [[ $stderr =~ ^pi-cluster:\ pi-cluster:[0-9a-f]{32}:sums:\ unexpected\ entry\ 2$ ]] ||
        problems+="two sums for slice 0: status $status, output '$output', stderr '$stderr'"$'\n'
    [ -z "$problems" ] || fail "$problems"
    assert_equal "$(redis_keys)" ""
}

@test "22-pi-cluster: a task that is not this run's is dropped and reported by the worker; a run whose head is not a run's is refused" {
    # An unexpected task at the head of the queue, taken first.
    (key=$(key_like 'pi-cluster:*:tasks') && redis-cli -s "$REDIS_HOST" LPUSH "$key" 7 >/dev/null &&
        echo "$key" >"$BATS_TEST_TMPDIR/tasks") 3>&- 4>&- &
    local helper=$!
    (sleep 0.5 && start_workers 1 && wait_workers && echo "$WORKER_STATUS" >"$BATS_TEST_TMPDIR/status") 3>&- 4>&- &
    local starter=$!
    run_chapter 22-pi-cluster 1000 3 --workers 0
    wait "$helper" || fail "could not push a task"
    wait "$starter"
    assert_success
    assert_no_stderr
    assert_equal "${lines[0]}" 3.1412743276027384
    assert_equal "$(cat "$BATS_TEST_TMPDIR/status")" 0
    assert_equal "$(cat "$BATS_TEST_TMPDIR/worker.0")" \
        "pi-cluster: $(cat "$BATS_TEST_TMPDIR/tasks"): unexpected task '7' dropped"
    assert_equal "$(redis_keys)" ""
    # A run whose head does not say "N SLICES".
    redis-cli -s "$REDIS_HOST" RPUSH pi-cluster:ffff:sums "1000 three" >/dev/null
    run_chapter 22-pi-cluster --worker
    redis-cli -s "$REDIS_HOST" DEL pi-cluster:ffff:sums >/dev/null
    assert_failure 1
    assert_stderr_equals "pi-cluster: pi-cluster:ffff:sums: unexpected head"
}

@test "22-pi-cluster: two runs at once on one server keep their tasks and sums apart" {
    cd "$TOP/chapters/22-pi-cluster"
    timeout -k 2 120 ./pi-cluster 20000000 4 --workers 2 >"$BATS_TEST_TMPDIR/four" 3>&- 4>&- &
    local four=$!
    timeout -k 2 120 ./pi-cluster 20000000 3 --workers 2 >"$BATS_TEST_TMPDIR/three" 3>&- 4>&- &
    local three=$!
    wait "$four" || fail "the run of 4 slices failed"
    wait "$three" || fail "the run of 3 slices failed"
    assert_equal "$(head -n 1 "$BATS_TEST_TMPDIR/four")" 3.1415926376737366
    assert_equal "$(head -n 1 "$BATS_TEST_TMPDIR/three")" 3.141592637674874
    assert_equal "$(redis_keys)" ""
    # Overlapping for sure: a run with no worker waits while a whole second
    # run is done; then a --worker joins the first and does it.
    timeout -k 2 120 ./pi-cluster 20000000 4 --workers 0 >"$BATS_TEST_TMPDIR/four" 3>&- 4>&- &
    four=$!
    key_like 'pi-cluster:*:sums' >/dev/null
    run_chapter 22-pi-cluster 20000000 3 --workers 2
    assert_success
    assert_equal "${lines[0]}" 3.141592637674874
    start_workers 1
    wait_workers
    assert_equal "$WORKER_STATUS" 0
    wait "$four" || fail "the run of 4 slices failed"
    assert_equal "$(head -n 1 "$BATS_TEST_TMPDIR/four")" 3.1415926376737366
    assert_equal "$(redis_keys)" ""
}

# stop_coordinator SIGNAL: once its two workers hold a task, SIGNAL to the
# coordinator (the parent of a worker) alone.
stop_coordinator() {
    local key worker coordinator
    for _ in $(seq 100); do
        key=$(key_like 'pi-cluster:*:doing:*') || exit 1
        worker=$(pid_of "$key")
        coordinator=$(awk '$1 == "PPid:" { print $2 }' "/proc/$worker/status" 2>/dev/null)
        # Both still ours: the worker of that key, and a pi-cluster above it.
        if signal_if_still 0 "$worker" pi-cluster "REDIS_HOST=$REDIS_HOST" &&
            signal_if_still "$1" "$coordinator" pi-cluster "REDIS_HOST=$REDIS_HOST"; then
            return 0
        fi
    done
    exit 1
}

@test "22-pi-cluster: SIGTERM, SIGINT, SIGHUP to the coordinator: its workers gone, nothing left, 128 + the signal" {
    local sig code helper problems=""
    for sig in TERM:143 INT:130 HUP:129; do
        code=${sig#*:}
        sig=${sig%:*}
        stop_coordinator "$sig" 3>&- 4>&- &
        helper=$!
        run_chapter 22-pi-cluster 100000000000 4 --workers 2
        wait "$helper" || problems+="$sig: no worker seen at work"$'\n'
        [ "$status" -eq "$code" ] && [ -z "$output" ] && [ -z "$stderr" ] ||
            problems+="$sig: status $status, output '$output', stderr '$stderr'"$'\n'
        [ -z "$(redis_keys)" ] || problems+="$sig: left in Redis: $(redis_keys)"$'\n'
    done
    # (run_chapter fails the test if a worker is left behind.)
    [ -z "$problems" ] || fail "$problems"
}

@test "22-pi-cluster: bad arguments: the usage, exit 2, no child process" {
    local args log=$BATS_TEST_TMPDIR/strace
    for args in abc 0 "1000 0" "1000 101" "1000 2 3" --workers "--workers -1" \
        "--workers 101" "--workers x" "1000 --workers" "--worker 1" "1000 --worker" \
        "--workers 2 --worker" -5 '""' '1000 ""' 12x; do
        rm -f "$log"
        # eval: the arguments as a shell reads them ('""' is one empty one)
        eval "run -2 bash -c 'cd \"\$0\" && exec timeout 10 strace -f -qq -o \"\$1\" \\
            -e trace=fork,vfork,clone,clone3 ./pi-cluster \"\${@:2}\"' \\
            \"\$TOP/chapters/22-pi-cluster\" \"\$log\" $args"
        assert_output --partial "Usage: ./pi-cluster [N [SLICES]] [--workers K]"
        [ ! -s "$log" ] || fail "a child was created for '$args': $(cat "$log")"
    done
    REDIS_PORT=63a79 run_chapter 22-pi-cluster 1000 2
    assert_failure 2
    assert_output ""
    assert_stderr_equals "pi-cluster: REDIS_PORT=63a79 is not a port number"
}

@test "22-pi-cluster: SIGCHLD inherited as ignored, SIGINT inherited as ignored: the run is exact all the same" {
    # perl sets SIGCHLD to SIG_IGN, then execs the program (no shell in
    # between, which would put the default back).
    # shellcheck disable=SC2016 # perl expands $SIG, not the shell
    RUN_UNDER='perl -e $SIG{CHLD}="IGNORE";exec(@ARGV)' run_chapter 22-pi-cluster 1000000 4 --workers 2
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.1415923352799644
    # SIGINT ignored (nohup, a shell's &), then sent once a worker holds a
    # task: nothing changes.
    stop_coordinator INT 2>"$BATS_TEST_TMPDIR/helper" 3>&- 4>&- &
    local helper=$!
    # shellcheck disable=SC2016,SC2034 # for the inner bash; run_chapter's
    RUN_PREFIX=(bash -c 'trap "" INT && exec "$@"' bash)
    run_chapter 22-pi-cluster 200000000 8 --workers 2
    wait "$helper" || fail "no worker was seen holding a task: $(cat "$BATS_TEST_TMPDIR/helper")"
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.1415926519668753
    assert_equal "$(redis_keys)" ""
}
