#!/usr/bin/env bats
# 09-pi-redis: workers push their partial sums to a Redis list; the parent
# adds them in slice order and deletes the key. The tests run their own
# redis-server (chapters/run's redis_start), never one a reader may have.

load redis

setup() {
    load helpers
    load pi
}

# show_key: the run's key, while worker 0 is held back: its name, length,
# time to live and entries.
show_key() {
    local key
    key=$(redis-cli -s "$REDIS_HOST" --raw KEYS 'pi-redis:*')
    echo "$key"
    redis-cli -s "$REDIS_HOST" --raw LLEN "$key"
    redis-cli -s "$REDIS_HOST" --raw TTL "$key"
    redis-cli -s "$REDIS_HOST" --raw LRANGE "$key" 0 -1 | sort
}

@test "09-pi-redis: 10 workers give the tutorial's 3.141592650405625; no key is left" {
    run_chapter 09-pi-redis
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.141592650405625
    assert_transcript 09-pi-redis
    assert_equal "$(redis_keys)" ""
}

@test "09-pi-redis: sums that arrive out of slice order are added in slice order" {
    hold_back_slice_0 09-pi-redis show_key
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" "$ORDER_PI" # not $ORDER_PI_WRONG
    # While worker 0 was held back, the list held the parent's "claimed"
    # and the 3 other sums, under a key of the run's own (128 random bits)
    # that expires if nobody deletes it.
    local held
    mapfile -t held <"$BATS_TEST_TMPDIR/held"
    [[ ${held[0]} =~ ^pi-redis:[0-9a-f]{32}$ ]] || fail "key: ${held[0]}"
    assert_equal "${held[1]}" 4
    [ "${held[2]}" -gt 0 ] && [ "${held[2]}" -le 86400 ] || fail "time to live: ${held[2]}"
    [[ ${held[3]} =~ ^1\ [0-9.e-]+$ && ${held[4]} =~ ^2\  && ${held[5]} =~ ^3\  &&
        ${held[6]} = claimed ]] || fail "entries: ${held[*]:3}"
    assert_equal "$(redis_keys)" ""
}

# fixed_random: run_chapter's programs read 16 bytes of our choosing from
# /dev/urandom (replaced by a file, mount --bind, in a mount namespace of
# their own); sets KEY to the name of the key a run then makes.
fixed_random() {
    printf '0123456789abcdef' >"$BATS_TEST_TMPDIR/random"
    # shellcheck disable=SC2016 # for the inner sh
    RUN_PREFIX=(unshare --mount sh -c 'mount --bind "$0" /dev/urandom && exec "$@"'
        "$BATS_TEST_TMPDIR/random")
    KEY=pi-redis:$(od -A n -t x1 "$BATS_TEST_TMPDIR/random" | tr -d ' \n')
}

# describe_key KEY: its type, contents and time to live (in seconds; "at
# most 1000" for any from 1 to 1000, since it goes down as time passes),
# on one line.
describe_key() {
    local type ttl
    type=$(redis-cli -s "$REDIS_HOST" --raw TYPE "$1")
    ttl=$(redis-cli -s "$REDIS_HOST" TTL "$1")
    [ "$ttl" -lt 1 ] || [ "$ttl" -gt 1000 ] || ttl="at most 1000"
    case $type in
    list) echo "list: $(redis-cli -s "$REDIS_HOST" --raw LRANGE "$1" 0 -1 | paste -s -d '|'), ttl $ttl" ;;
    string) echo "string: $(redis-cli -s "$REDIS_HOST" --raw GET "$1"), ttl $ttl" ;;
    *) echo "$type" ;;
    esac
}

@test "09-pi-redis: a key of the name a run picks, there already, is not the run's: left as it was, exit 1" {
    needs_namespaces
    local kind before after
    fixed_random
    for kind in string list; do
        if [ $kind = string ]; then
            redis-cli -s "$REDIS_HOST" SET "$KEY" "not yours" >/dev/null
        else
            redis-cli -s "$REDIS_HOST" RPUSH "$KEY" "0 0.5" "1 0.25" >/dev/null
        fi
        redis-cli -s "$REDIS_HOST" EXPIRE "$KEY" 1000 >/dev/null
        before=$(describe_key "$KEY")
        run_chapter 09-pi-redis 1000000 4
        after=$(describe_key "$KEY")
        redis-cli -s "$REDIS_HOST" DEL "$KEY" >/dev/null
        assert_failure 1
        assert_output ""
        assert_stderr_equals "pi-redis: $KEY exists already: left alone"
        assert_equal "$after" "$before"
    done
}

@test "09-pi-redis: runs with one hostname and one pid (containers) at the same second do not meet" {
    needs_namespaces
    # Another run's list under every name that a run as pid 1 of a host
    # named box would have made in the next minute; the run under test is
    # pid 1 of a host named box.
    local now t problems=""
    now=$(date +%s)
    for t in $(seq $((now - 1)) $((now + 60))); do
        redis-cli -s "$REDIS_HOST" RPUSH "pi-redis:box:1:$t" "0 1.2" >/dev/null
    done
    # shellcheck disable=SC2016 # for the inner sh
    RUN_PREFIX=(unshare --pid --fork --kill-child --uts sh -c 'hostname box && exec "$@"' sh)
    run_chapter 09-pi-redis 1000000 4
    for t in $(seq $((now - 1)) $((now + 60))); do
        [ "$(describe_key "pi-redis:box:1:$t")" = "list: 0 1.2, ttl -1" ] ||
            problems+="pi-redis:box:1:$t is now $(describe_key "pi-redis:box:1:$t")"$'\n'
        redis-cli -s "$REDIS_HOST" DEL "pi-redis:box:1:$t" >/dev/null
    done
    assert_no_stderr
    assert_success
    assert_line --index 0 3.1415923352799644
    [ -z "$problems" ] || fail "$problems"
    assert_equal "$(redis_keys)" ""
}

# spoil VALUE: while worker 0 is held back, put VALUE (printf %b: \0 is a
# NUL byte) in the place of slice 1's entry in the run's key.
spoil() {
    local key index=0 entry
    key=$(redis-cli -s "$REDIS_HOST" --raw KEYS 'pi-redis:*')
    while IFS= read -r entry; do
        [[ $entry != "1 "* ]] || break
        index=$((index + 1))
    done < <(redis-cli -s "$REDIS_HOST" --raw LRANGE "$key" 0 -1)
    printf '%b' "$1" | redis-cli -s "$REDIS_HOST" -x LSET "$key" "$index"
}

@test "09-pi-redis: an entry that is not a partial sum of this run is refused; no pi, exit 1, no key left" {
    local value problems=""
    for value in '1 nan' '1 -9' '1 1e999' '1 0.5garbage' '1 0.5 ' '1 0.5\0garbage' \
        '4294967297 0.5' '2 0.5' '1' ''; do
        hold_back_slice_0 09-pi-redis spoil "$value"
        [ "$(cat "$BATS_TEST_TMPDIR/held")" = OK ] ||
            problems+="'$value': LSET said $(cat "$BATS_TEST_TMPDIR/held")"$'\n'
        # shellcheck disable=SC2154 # run_chapter sets $stderr
        [ "$status" -eq 1 ] && [ -z "$output" ] &&
            [[ $stderr =~ ^pi-redis:\ pi-redis:[^\ ]+:\ unexpected\ entry\ [0-9]+$ ]] ||
            problems+="'$value': status $status, output '$output', stderr '$stderr'"$'\n'
        [ -z "$(redis_keys)" ] || problems+="'$value': left in Redis: $(redis_keys)"$'\n'
    done
    [ -z "$problems" ] || fail "$problems"
}

@test "09-pi-redis: a worker killed at work is reported; no pi, exit 1, no key left" {
    kill_a_worker 09-pi-redis
    assert_failure 1
    assert_output ""
    assert_stderr_equals "pi-redis: worker 2 (pid $VICTIM) was killed by signal 9 (Killed)"
    assert_equal "$(redis_keys)" ""
}

@test "09-pi-redis: two runs at once on one server keep their sums apart" {
    cd "$TOP/chapters/09-pi-redis"
    timeout 30 ./pi-redis 20000000 4 >"$BATS_TEST_TMPDIR/four" 3>&- 4>&- &
    local four=$!
    timeout 30 ./pi-redis 20000000 3 >"$BATS_TEST_TMPDIR/three" 3>&- 4>&- &
    local three=$!
    wait "$four" || fail "the run with 4 workers failed"
    wait "$three" || fail "the run with 3 workers failed"
    assert_equal "$(head -n 1 "$BATS_TEST_TMPDIR/four")" 3.1415926376737366
    assert_equal "$(head -n 1 "$BATS_TEST_TMPDIR/three")" 3.141592637674874
    assert_equal "$(redis_keys)" ""
    # The same, overlapping for sure: while worker 0 of one run is held
    # back, the sums of the 3 others wait in the server, and a whole second
    # run pushes, reads and deletes its own sums.
    hold_back_slice_0 09-pi-redis second_run
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" "$ORDER_PI"
    assert_equal "$(head -n 1 "$BATS_TEST_TMPDIR/held")" 3.141592637674874
    assert_equal "$(redis_keys)" ""
}

# second_run: pi-redis with 3 workers, beside the run under test.
second_run() {
    timeout 30 "$TOP/chapters/run" --as-is 09-pi-redis 20000000 3
}

# run_timed: run_chapter 09-pi-redis, setting $seconds to how long the
# program itself ran, timed by a shell around it (run_chapter's own work,
# slow on a busy machine, is not counted).
run_timed() {
    # shellcheck disable=SC2016,SC2034 # for the inner shell; run_chapter's
    RUN_PREFIX=(bash -c 'start=$EPOCHREALTIME; "$@"; status=$?
        echo "$start $EPOCHREALTIME" >"$0"; exit $status' "$BATS_TEST_TMPDIR/times")
    run_chapter 09-pi-redis
    seconds=$(awk '{ print $2 - $1 }' "$BATS_TEST_TMPDIR/times")
}

@test "09-pi-redis: no server at a TCP address: where, how to start one, exit 1, at once" {
    [ "$(redis-cli -p 1 PING 2>/dev/null)" = "" ] || skip "something answers on port 1"
    REDIS_HOST=127.0.0.1 REDIS_PORT=1 run_timed
    assert_failure 1
    assert_output ""
    assert_stderr_equals "pi-redis: cannot connect to Redis at 127.0.0.1:1: Connection refused
pi-redis: start one with: redis-server --port 1
pi-redis: or run make run-09-pi-redis, which starts a private one"
    awk -v s="$seconds" 'BEGIN { exit !(s < 1) }' || fail "took $seconds s"
}

@test "09-pi-redis: no socket at a REDIS_HOST path: the same" {
    local socket=$BATS_TEST_TMPDIR/no-such.sock
    REDIS_HOST=$socket run_timed
    assert_failure 1
    assert_output ""
    assert_stderr_equals "pi-redis: cannot connect to Redis at $socket: No such file or directory
pi-redis: start one with: redis-server --port 6379
pi-redis: or run make run-09-pi-redis, which starts a private one"
    awk -v s="$seconds" 'BEGIN { exit !(s < 1) }' || fail "took $seconds s"
}

@test "09-pi-redis: a REDIS_PORT that is no port number: exit 2, no worker" {
    REDIS_PORT=63a79 run_chapter 09-pi-redis 1000 2
    assert_failure 2
    assert_output ""
    assert_stderr_equals "pi-redis: REDIS_PORT=63a79 is not a port number"
}
