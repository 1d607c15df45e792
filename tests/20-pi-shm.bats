#!/usr/bin/env bats
# 20-pi-shm: the workers store their partial sums in one array mapped
# MAP_SHARED | MAP_ANONYMOUS before the forks; the parent reads element i
# only after reaping worker i, and adds them in slice order.

setup() {
    load helpers
    load pi
}

@test "20-pi-shm: 10 workers give the tutorial's 3.141592650405625" {
    run_chapter 20-pi-shm
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.141592650405625
    assert_transcript 20-pi-shm
}

@test "20-pi-shm: sums that are stored out of slice order are added in slice order" {
    hold_back_slice_0 20-pi-shm
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" "$ORDER_PI" # not $ORDER_PI_WRONG
}

# shared_maps: while the workers are at work, the shared mappings
# ("rw-s ... /dev/zero (deleted)": what MAP_SHARED | MAP_ANONYMOUS looks
# like in /proc/PID/maps) of the parent and of each worker, as "address
# inode", one process a line (too late: exit 2, at_work tries again).
shared_maps() {
    local pid parent
    read -r pid _ <<<"$PIDS"
    parent=$(awk '$1 == "PPid:" { print $2 }' "/proc/$pid/status")
    for pid in $parent $PIDS; do
        awk '$2 == "rw-s" && $6 == "/dev/zero" { printf "%s %s;", $1, $5 }' \
            "/proc/$pid/maps"
        has_ended "$pid" && exit 2
        echo
    done >"$BATS_TEST_TMPDIR/maps"
}

@test "20-pi-shm: parent and workers map one and the same shared page, at one address" {
    at_work 20-pi-shm shared_maps || fail "could not read the maps of the workers"
    assert_success
    run cat "$BATS_TEST_TMPDIR/maps"
    assert_equal "${#lines[@]}" 5 # the parent and 4 workers
    [[ ${lines[0]} =~ ^[0-9a-f]+-[0-9a-f]+\ [0-9]+\;$ ]] ||
        fail "the parent has not exactly one shared anonymous mapping: ${lines[0]}"
    assert_equal "$(sort -u "$BATS_TEST_TMPDIR/maps")" "${lines[0]}"
}

# the_array: the 4 doubles of the shared array, read through worker 0's
# /proc/PID/mem while it is held back (its pid in $HELD), one a line. It
# never fails: worker 0 is let go on (SIGCONT) only after it returns.
the_array() {
    local start
    start=$(awk '$2 == "rw-s" && $6 == "/dev/zero" { print $1; exit }' "/proc/$HELD/maps")
    [ -n "$start" ] || { echo "no shared anonymous mapping"; return 0; }
    start=$((16#${start%-*}))
    dd if="/proc/$HELD/mem" bs=32 skip="$start" iflag=skip_bytes count=1 status=none |
        od -A n -v -t f8 -w8 | tr -d ' ' || true
}

@test "20-pi-shm: before worker 0 has stored its sum, its element still holds 0; the others hold theirs" {
    # Reading another process's memory through /proc/PID/mem takes the
    # right to trace it: root's, whatever ptrace_scope says.
    [ "$(id -u)" -eq 0 ] || skip "needs root, to read a worker's memory"
    hold_back_slice_0 20-pi-shm the_array
    assert_success
    assert_equal "${lines[0]}" "$ORDER_PI"
    run cat "$BATS_TEST_TMPDIR/held"
    assert_equal "${#lines[@]}" 4
    assert_equal "${lines[0]}" 0
    local i
    for i in 1 2 3; do
        [[ ${lines[i]} =~ ^[0-9]\.[0-9]+e-[0-9]+$ ]] ||
            fail "element $i is not a partial sum: ${lines[i]}"
    done
}

@test "20-pi-shm: a worker killed at work is reported; no pi, exit 1, nothing left" {
    kill_a_worker 20-pi-shm
    assert_failure 1
    assert_output ""
    assert_stderr_equals "pi-shm: worker 2 (pid $VICTIM) was killed by signal 9 (Killed)"
}
