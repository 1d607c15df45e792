#!/usr/bin/env bats
# 10-pi-files: workers write their partial sums to files named after their
# pids, in a directory made by mkdtemp under $TMPDIR; the parent reads them
# in slice order and removes every file and the directory.

setup() {
    load helpers
    load pi
    # A TMPDIR of the test's own, to see what the program leaves in it.
    export TMPDIR=$BATS_TEST_TMPDIR/tmp
    mkdir "$TMPDIR"
}

# assert_nothing_left: nothing in TMPDIR, and no pid-named file in the
# chapter's directory (the tutorial wrote its files there).
assert_nothing_left() {
    local left
    left=$(find "$TMPDIR" -mindepth 1
        find "$TOP/chapters/10-pi-files" -mindepth 1 -name '[0-9]*')
    assert_equal "$left" ""
}

# show_files: the run's directory while worker 0 is held back: its mode,
# then the names of the files in it.
show_files() {
    local dir
    for dir in "$TMPDIR"/*; do
        stat -c '%A %n' "$dir"
        ls "$dir"
    done
}

@test "10-pi-files: 10 workers give the tutorial's 3.141592650405625; nothing is left" {
    run_chapter 10-pi-files
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.141592650405625
    assert_transcript 10-pi-files
    assert_nothing_left
}

@test "10-pi-files: sums that arrive out of slice order are added in slice order" {
    hold_back_slice_0 10-pi-files show_files
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" "$ORDER_PI" # not $ORDER_PI_WRONG
    # While worker 0 was held back: one directory of mkdtemp's under TMPDIR,
    # for this user only, holding the 3 other workers' files, named by pid.
    local held
    mapfile -t held <"$BATS_TEST_TMPDIR/held"
    assert_equal "${#held[@]}" 4
    [[ ${held[0]} =~ ^drwx------\ $TMPDIR/pi-files\.[A-Za-z0-9]{6}$ ]] || fail "directory: ${held[0]}"
    [[ ${held[1]} =~ ^[0-9]+$ && ${held[2]} =~ ^[0-9]+$ && ${held[3]} =~ ^[0-9]+$ ]] ||
        fail "files: ${held[*]:1}"
    assert_nothing_left
}

@test "10-pi-files: a worker killed at work is reported; no pi, exit 1, nothing left" {
    kill_a_worker 10-pi-files
    assert_failure 1
    assert_output ""
    assert_stderr_equals "pi-files: worker 2 (pid $VICTIM) was killed by signal 9 (Killed)"
    assert_nothing_left
}

# spoil_sum TEXT: while worker 0 is held back, replace the file of worker 1
# (done by now) with TEXT.
spoil_sum() {
    local file
    file=$(echo "$TMPDIR"/pi-files.*/"$(sed -n 2p <<<"$PIDS")")
    printf '%b' "$1" >"$file"
}

@test "10-pi-files: a file that holds anything but a partial sum is refused, never summed" {
    local text
    for text in 'nan\n' '-9\n' '1e999\n' '0.5garbage\n' '' '0.5' '0.5\n0.5\n' ' \n'; do
        hold_back_slice_0 10-pi-files spoil_sum "$text"
        assert_failure 1
        assert_output ""
        # shellcheck disable=SC2154 # run_chapter sets $stderr
        [[ $stderr =~ ^pi-files:\ $TMPDIR/pi-files\.[A-Za-z0-9]{6}/[0-9]+\ holds\ no\ partial\ sum$ ]] ||
            fail "for '$text', stderr: $stderr"
        assert_nothing_left
    done
}

@test "10-pi-files: a TMPDIR that does not exist: mkdtemp's error, exit 1" {
    TMPDIR=$BATS_TEST_TMPDIR/no-such-dir run_chapter 10-pi-files 1000 2
    assert_failure 1
    assert_output ""
    assert_stderr_equals "mkdtemp: No such file or directory"
}
