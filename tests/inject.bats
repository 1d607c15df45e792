#!/usr/bin/env bats
# A few of tests/inject's cases (the whole of it is `make check
# GATES=inject`): in the parallel pi programs, a call that fails in the
# middle of a run, in the parent or in every worker, is reported with its
# error, no pi is printed, every worker is reaped, and nothing is left in
# TMPDIR or in Redis. tests/inject starts its own private Redis.

setup() {
    load helpers
    [ "$(id -u)" -eq 0 ] || skip "needs root (a pid namespace for each run)"
}

@test "inject: a failed read, fork, unlink, connect or write mid-run in pi-redis, pi-files, pi-pipe: reported, every worker reaped, nothing left" {
    run --separate-stderr env \
        INJECT_CASES='^(parent (read|clone|unlink|connect) |every (write|connect) )' \
        timeout -k 2 120 "$TOP/tests/inject" -q 09-pi-redis 10-pi-files 11-pi-pipe
    printf '%s\n' "$output" | grep -v '^ok ' || true
    assert_success
    assert_line --regexp '^# injected failures: [0-9]+ in 3 programs \(.*\); 0 problems$'
}
