#!/usr/bin/env bats
# 22-pi-cluster on three hosts: network namespaces of the test's own, each
# with its own network stack and hostname, joined by veth pairs:
#
#   host-a 10.221.1.2 ---- 10.221.1.1  server  10.221.2.1 ---- 10.221.2.2 host-b
#
# redis-server and the coordinator run on "server", a `pi-cluster --worker`
# on host-a and another on host-b; each talks to the address of the server
# on its own link, nothing else. The worker on host-b is killed, or its
# link set down, while it holds a task: the coordinator puts the task back
# once its lease has run out, host-a does it, and the pi is exact. Needs
# root (CI is); teardown, which bats runs whether the test passed or
# failed, kills every process in the namespaces and deletes them, and with
# them their interfaces. tests/leftovers.bats checks that none remains.

setup() {
    load helpers
    [ "$(id -u)" -eq 0 ] || skip "needs root, to make network namespaces"
    ip netns add "pi-cluster-probe-$$" 2>"$BATS_TEST_TMPDIR/probe" ||
        skip "cannot make a network namespace here: $(cat "$BATS_TEST_TMPDIR/probe")"
    ip netns del "pi-cluster-probe-$$"
    ID=$((BATS_ROOT_PID % 100000))$BATS_TEST_NUMBER
    # s$SUITE_ID: the suite's own (tests/run), for tests/leftovers.bats
    local tag=pi-cluster-s${SUITE_ID:-}-$ID
    SERVER=$tag-server HOST_A=$tag-a HOST_B=$tag-b
    for ns in "$SERVER" "$HOST_A" "$HOST_B"; do
        ip netns add "$ns"
        ip -n "$ns" link set lo up
    done
    # A veth pair is a cable: each end in a namespace of its own.
    ip link add "pc${ID}s1" netns "$SERVER" type veth peer name "pc${ID}a" netns "$HOST_A"
    ip link add "pc${ID}s2" netns "$SERVER" type veth peer name "pc${ID}b" netns "$HOST_B"
    ip -n "$SERVER" addr add 10.221.1.1/24 dev "pc${ID}s1"
    ip -n "$SERVER" addr add 10.221.2.1/24 dev "pc${ID}s2"
    ip -n "$HOST_A" addr add 10.221.1.2/24 dev "pc${ID}a"
    ip -n "$HOST_B" addr add 10.221.2.2/24 dev "pc${ID}b"
    for link in "$SERVER pc${ID}s1" "$SERVER pc${ID}s2" "$HOST_A pc${ID}a" "$HOST_B pc${ID}b"; do
        # shellcheck disable=SC2086 # namespace and interface
        set -- $link
        ip -n "$1" link set "$2" up
    done
    # The server listens on its two addresses, on no unix socket.
    on "$SERVER" server redis-server --bind 10.221.1.1 10.221.2.1 --port 6379 \
        --protected-mode no --save "" --appendonly no --dir "$BATS_TEST_TMPDIR" \
        >"$BATS_TEST_TMPDIR/redis.log" 2>&1 </dev/null 3>&- 4>&- &
    local tries=0
    until [ "$(ip netns exec "$HOST_A" redis-cli -h 10.221.1.1 PING 2>/dev/null)" = PONG ]; do
        tries=$((tries + 1))
        [ "$tries" -le 100 ] || fail "redis-server did not start: $(cat "$BATS_TEST_TMPDIR/redis.log")"
        sleep 0.05
    done
}

teardown() {
    local ns
    for ns in "${SERVER:-}" "${HOST_A:-}" "${HOST_B:-}"; do
        if [ -z "$ns" ] || [ ! -e "/run/netns/$ns" ]; then continue; fi
        ip netns pids "$ns" | xargs -r kill -KILL 2>/dev/null || true
        ip netns del "$ns"
    done
    wait || true # reap what was killed
}

# on NAMESPACE HOSTNAME COMMAND...: run COMMAND in the namespace, with a
# hostname of its own (a UTS namespace), from the chapter's directory,
# bounded by 180 s (the machine may be busy with other suites).
on() {
    # shellcheck disable=SC2016 # for the inner sh
    ip netns exec "$1" unshare --uts sh -c 'hostname "$0" && cd "$1" && shift && exec timeout -k 2 180 "$@"' \
        "$2" "$TOP/chapters/22-pi-cluster" "${@:3}"
}

# cluster_run ACTION: a worker on each of host-a and host-b, then the
# coordinator on server (no local worker); once host-b's worker holds a
# task, ACTION runs (with $VICTIM, that worker's doing key). Sets
# $status, $output, $stderr (the coordinator's), $stderr_a and $stderr_b,
# $status_a and $status_b.
cluster_run() {
    local a b coordinator deadline=$((SECONDS + 60))
    REDIS_PORT=6379 REDIS_HOST=10.221.1.1 on "$HOST_A" host-a ./pi-cluster --worker \
        2>"$BATS_TEST_TMPDIR/a" </dev/null 3>&- 4>&- &
    a=$!
    REDIS_PORT=6379 REDIS_HOST=10.221.2.1 on "$HOST_B" host-b ./pi-cluster --worker \
        2>"$BATS_TEST_TMPDIR/b" </dev/null 3>&- 4>&- &
    b=$!
    sleep 0.2 # the workers look for a run
    REDIS_PORT=6379 REDIS_HOST=10.221.1.1 on "$SERVER" server ./pi-cluster 200000000 8 --workers 0 \
        >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" </dev/null 3>&- 4>&- &
    coordinator=$!
    until VICTIM=$(ip netns exec "$SERVER" redis-cli -h 10.221.1.1 --raw KEYS 'pi-cluster:*:doing:host-b:*') &&
        [ -n "$VICTIM" ]; do
        [ "$SECONDS" -lt "$deadline" ] || break
        sleep 0.01
    done
    [ -n "$VICTIM" ] || echo "no task on host-b within 60 s" >"$BATS_TEST_TMPDIR/action"
    [ -z "$VICTIM" ] || "$@" >"$BATS_TEST_TMPDIR/action" 2>&1
    status=0 status_a=0 status_b=0
    wait "$coordinator" || status=$?
    wait "$a" || status_a=$?
    wait "$b" || status_b=$?
    output=$(cat "$BATS_TEST_TMPDIR/out")
    stderr=$(cat "$BATS_TEST_TMPDIR/err")
    stderr_a=$(cat "$BATS_TEST_TMPDIR/a")
    stderr_b=$(cat "$BATS_TEST_TMPDIR/b")
    KEYS_LEFT=$(ip netns exec "$SERVER" redis-cli -h 10.221.1.1 --raw KEYS '*')
    # shellcheck disable=SC2034 # for bats-assert
    mapfile -t lines <<<"$output"
    assert_equal "$(cat "$BATS_TEST_TMPDIR/action")" ""
}

# After cluster_run, whatever befell host-b: the coordinator saw host-b's
# lease run out and queued its task again, host-a did it, and the run
# printed the exact pi (pi-pipe 200000000 8's).
assert_redone_by_host_a() {
    assert_equal "$status" 0
    assert_equal "${lines[0]}" 3.1415926519668753
    [[ $stderr =~ ^pi-cluster:\ worker\ host-b:[0-9]+:[0-9a-f]{8}\'s\ lease\ ran\ out:\ task\ [0-7]\ queued\ again$ ]] ||
        fail "coordinator's stderr: $stderr"
    assert_equal "$status_a" 0
    assert_equal "$stderr_a" ""
}

# kill_victim: SIGKILL host-b's worker (its pid is in its name), if it is
# still at work.
kill_victim() {
    local name=${VICTIM#*:doing:}
    name=${name%:*}
    signal_if_still KILL "${name##*:}" pi-cluster REDIS_HOST=10.221.2.1
}

@test "22-pi-cluster on three hosts: the worker on host-b killed mid-task; host-a does its slice again; pi exact" {
    cluster_run kill_victim
    assert_redone_by_host_a
    assert_equal "$status_b" 137
    assert_equal "$KEYS_LEFT" ""
}

@test "22-pi-cluster on three hosts: host-b cut off mid-task (its link down); host-a does its slice again; pi exact" {
    cluster_run ip -n "$HOST_B" link set "pc${ID}b" down
    assert_redone_by_host_a
    # host-b's worker gives up on its own: a command gets no answer (its
    # lease renewal, or its sum; EXPIRE if the link went down at once).
    # Its lease it cannot delete: hiredis sends nothing on a connection
    # that failed, and the message says so, not "no reply" again.
    assert_equal "$status_b" 1
    local server='to Redis at 10\.221\.2\.1:6379' newline=$'\n'
    [[ $stderr_b =~ ^pi-cluster:\ (EXPIRE|SET|RPUSHX)\ $server:\ no\ reply\ within\ 5\ s${newline}pi-cluster:\ DEL\ $server:\ not\ sent:\ the\ connection\ had\ failed\ before$ ]] ||
        fail "host-b's stderr: $stderr_b"
    assert_equal "$KEYS_LEFT" ""
}
