#!/usr/bin/env bats
# 08-pi-serial: the baseline, in one process; the tutorial's own digits.

setup() {
    load helpers
}

@test "08-pi-serial: 10^8 terms give the tutorial's 3.141592647851581, then the time" {
    run_chapter 08-pi-serial
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.141592647851581
    assert_transcript 08-pi-serial
}

@test "08-pi-serial: pi printed shortest, so that it reads back the same; time in ms" {
    run_chapter 08-pi-serial 1
    assert_no_stderr
    assert_success
    assert_equal "${#lines[@]}" 2
    assert_equal "${lines[0]}" 2.8284271247461903 # sqrt(8), 17 digits needed
    [[ ${lines[1]} =~ ^time:\ [0-9]+\.[0-9]{3}$ ]] || fail "not a time: ${lines[1]}"
    run_chapter 08-pi-serial 7
    assert_equal "${lines[0]}" 3.095863790236249 # 16 digits are enough
}
