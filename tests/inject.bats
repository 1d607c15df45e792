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

@test "inject: Parts 3 and 4: a failed fork, write, prctl, waitpid or connect ends the run, says why, leaves no process, file or key" {
    # Each case once failed this way: 14-redirect left its directory;
    # 17-process-group waited for ever on a pipe a worker held open;
    # 20-pi-shm left its workers unreaped; 22-pi-cluster waited for ever
    # when its local workers all failed, and left its keys when its own
    # second connection failed.
    run --separate-stderr env \
        INJECT_CASES='^(parent (clone|connect) 2|every (clone 2|write 1|prctl 1)|parent wait4 1)$' \
        timeout -k 2 300 "$TOP/tests/inject" 14-redirect 17-process-group 20-pi-shm 22-pi-cluster
    printf '%s\n' "$output" | grep -v '^ok ' || true
    assert_success
    assert_line --regexp '^# injected failures: [0-9]+ in 4 programs \(.*\); 0 problems$'
    # Every program had a case, and each of the failures above was one.
    local case
    for case in '14-redirect: clone fails \(EAGAIN\), call 2 in the parent' \
        '17-process-group: clone fails \(EAGAIN\), call 2 in every process' \
        '17-process-group: write fails \(ENOSPC\), call 1 in every process' \
        '20-pi-shm: wait4 fails \(EINTR\), call 1 in the parent' \
        '22-pi-cluster: prctl fails \(EINVAL\), call 1 in every process' \
        '22-pi-cluster: connect fails \(ECONNREFUSED\), call 2 in the parent'; do
        assert_line --regexp "^ok - $case: "
    done
}
