# tests/redis.bash - a private redis-server for one test file: `load redis`,
# redis_start in setup_file, redis_stop in teardown_file.
# shellcheck shell=bash
#
# The server listens on a unix socket in $BATS_FILE_TMPDIR and on no TCP
# port, and saves nothing, so it never meets a server a reader runs (on
# 6379 or anywhere else). REDIS_HOST, exported, points the programs at it.

redis_start() {
    local socket=$BATS_FILE_TMPDIR/redis.sock
    # Started in the foreground of a background job, with bats' descriptors
    # 3 and 4 closed: bats would otherwise wait for the server to end.
    redis-server --port 0 --unixsocket "$socket" --unixsocketperm 700 \
        --save "" --appendonly no --dir "$BATS_FILE_TMPDIR" \
        </dev/null >"$BATS_FILE_TMPDIR/redis.log" 2>&1 3>&- 4>&- &
    export REDIS_SERVER_PID=$! REDIS_HOST=$socket
    local tries=0
    until [ "$(redis-cli -s "$socket" PING 2>/dev/null)" = PONG ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ] || ! kill -0 "$REDIS_SERVER_PID" 2>/dev/null; then
            echo "redis-server did not start:" >&2
            cat "$BATS_FILE_TMPDIR/redis.log" >&2
            return 1
        fi
        sleep 0.05
    done
}

# redis_stop: asks the server to shut down, makes sure it has (killing it
# after 5 s), and reaps it.
redis_stop() {
    [ -n "${REDIS_SERVER_PID:-}" ] || return 0
    redis-cli -s "$REDIS_HOST" shutdown nosave >/dev/null 2>&1 ||
        kill "$REDIS_SERVER_PID" 2>/dev/null || true
    local tries=0 stat
    # Until it is a zombie (state Z, after the command name) or gone.
    while read -r stat 2>/dev/null <"/proc/$REDIS_SERVER_PID/stat" &&
        [[ ${stat##*) } != Z* ]]; do
        tries=$((tries + 1))
        [ "$tries" -le 100 ] || kill -KILL "$REDIS_SERVER_PID" 2>/dev/null || true
        sleep 0.05
    done
    wait "$REDIS_SERVER_PID" 2>/dev/null || true
}

# redis_keys: every key in the private server, one a line; nothing if none.
redis_keys() {
    redis-cli -s "$REDIS_HOST" --raw KEYS '*'
}
