# tests/redis.bash - `load redis` at the top of a test file gives the file a
# private redis-server (chapters/run's redis_start): a unix socket in
# $BATS_FILE_TMPDIR, exported as REDIS_HOST, no TCP port, nothing saved;
# stopped and reaped when the file's tests are done. bats wants these two
# functions defined in each file that needs them: this is that definition,
# once.
# shellcheck shell=bash

setup_file() {
    load helpers
    redis_start "$BATS_FILE_TMPDIR"
}

teardown_file() {
    load helpers
    redis_stop
}
