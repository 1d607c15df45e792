#!/usr/bin/env bats
# chapters/bench.awk, make bench's judge, on tables made up for the
# purpose (no time is measured here): the prediction it computes from the
# costs, PASS within prediction + margin, FAIL beyond, and no verdict on a
# busy machine. Input lines, in seconds: "serial median q1 q3 - -
# together-median together-q1 together-q3", then "program median q1 q3
# time-at-N=1-with-1-worker time-with-32-workers".

setup() {
    load helpers
}

# judge BUSY PIPE-MEDIAN [VARIABLE=VALUE]: bench.awk on a serial program of
# 0.300 s (0.300 s two at once), pi-pipe at PIPE-MEDIAN and pi-shm at
# 0.151 s, both with quartiles 1 ms either side; one more worker costs
# pi-pipe 200 us and pi-shm 100 us (so a message 100 us), a fork 150 us.
judge() {
    run awk -v runs=11 -v cores=2 -v workers=10 -v fork_us=150 -v thread_us=20 \
        -v busy="$1" -v "${3:-busy_ok=0}" -f "$TOP/chapters/bench.awk" <<EOT
pi-serial 0.300 0.295 0.305 - - 0.300 0.295 0.305
pi-pipe $2 $(awk -v t="$2" 'BEGIN { print t - 0.001, t + 0.001 }') 0.0010 0.0072
pi-shm 0.151 0.150 0.152 0.0010 0.0041
EOT
}

@test "bench: a message is the cost of a worker beyond shared memory's; the prediction is cost x (W / cores + 1)" {
    judge 0 0.151
    assert_success
    # pipe: (0.0072 - 0.0010) / 31 = 200 us a worker, 100 more than shm.
    assert_line --regexp '^  pi-pipe +200 us +100 us$'
    assert_line --regexp '^  pi-shm +100 us +\(none: memory\)$'
    # (150 + 100) us x (10 / 2 + 1) = 1.5 ms; shm 150 us x 6 = 0.9 ms.
    assert_line --regexp '^pi-pipe +0\.151 +1\.99 +\+0\.0010 s \( \+0\.7%\) +\+0\.0015 s'
    assert_line --regexp '^pi-shm +0\.151 +1\.99 +\+0\.0010 s \( \+0\.7%\) +\+0\.0009 s'
    assert_line --regexp '^PASS  pi-pipe '
    assert_line --regexp '^PASS  pi-shm '
}

@test "bench: an overhead beyond prediction + margin fails, and names the program" {
    judge 0 0.160 # 10 ms over the ideal: far more than 1.5 ms + the noise
    assert_failure 1
    assert_line --regexp '^FAIL  pi-pipe +overhead \+0\.0100 s >  predicted \+0\.0015 s \+ margin 0\.0045 s$'
    assert_line --regexp '^PASS  pi-shm '
}

@test "bench: cores slower together than alone stretch the prediction by as much" {
    run awk -v runs=11 -v cores=2 -v workers=10 -v fork_us=150 -v thread_us=20 -v busy=0 \
        -f "$TOP/chapters/bench.awk" <<EOT
pi-serial 0.300 0.295 0.305 - - 0.330 0.325 0.335
pi-shm 0.166 0.165 0.167 0.0010 0.0041
EOT
    # Two at once take 1.10 times as long: 0.150 s x 0.10 = 15 ms more.
    assert_line --regexp '^pi-shm +0\.166 .* \+0\.0159 s'
    assert_line --regexp '^PASS  pi-shm '
}

@test "bench: on a busy machine, the table but no verdict (exit 3); --busy judges all the same" {
    judge 42 0.151
    assert_failure 3
    assert_line --regexp '^pi-pipe +0\.151'
    assert_line 'NO VERDICT  the CPUs were 42% busy before the runs (more than 10%): these times'
    refute_output --partial PASS
    judge 42 0.151 busy_ok=1
    assert_success
    assert_line '(the CPUs were 42% busy before the runs: judged all the same, as asked)'
    assert_line --regexp '^PASS  pi-pipe '
}

@test "bench: a program with no time to judge (a median of 0) is refused, exit 2" {
    judge 0 0
    assert_failure 2
    assert_output --partial 'bench: no time for pi-pipe: nothing to judge'
    refute_output --partial PASS
}

@test "bench: stopped at work, by SIGTERM to it or Ctrl-C to its group, it stops its Redis and leaves nothing" {
    local tmp=$BATS_TEST_TMPDIR/tmp sig pid code
    for sig in TERM:143 INT:130; do
        code=${sig#*:} sig=${sig%:*}
        mkdir -p "$tmp"
        # In a session of its own, so that its group is its own (setsid),
        # with SIGINT at its default, as at a terminal (a job started with &
        # by a script inherits it ignored).
        TMPDIR=$tmp setsid env --default-signal=INT "$TOP/chapters/bench" 5 \
            >"$BATS_TEST_TMPDIR/out" 2>&1 3>&- 4>&- &
        pid=$!
        for _ in $(seq 600); do # until its Redis runs and it times a program
            compgen -G "$tmp/tmp.*/redis.sock" >/dev/null &&
                pgrep -g "$pid" -x pi-serial >/dev/null && break
            sleep 0.05
        done
        pgrep -g "$pid" -x redis-server >/dev/null || fail "$sig: no Redis of its own: $(cat "$BATS_TEST_TMPDIR/out")"
        if [ "$sig" = TERM ]; then kill -TERM "$pid"; else kill -INT -- "-$pid"; fi
        status=0
        wait "$pid" || status=$?
        [ "$status" -eq "$code" ] || fail "$sig: exit $status, not $code: $(cat "$BATS_TEST_TMPDIR/out")"
        [ -z "$(pgrep -g "$pid")" ] || fail "$sig: left running: $(pgrep -a -g "$pid")"
        [ -z "$(ls -A "$tmp")" ] || fail "$sig: left in TMPDIR: $(ls -A "$tmp")"
    done
}
