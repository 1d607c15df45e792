#!/usr/bin/env bats
# 14-redirect: the shell's ">" by hand (dup2 before exec), the offset
# shared through fork(), and O_CLOEXEC.

setup() {
    load helpers
    export TMPDIR=$BATS_TEST_TMPDIR/tmp
    mkdir "$TMPDIR"
    umask 022
}

@test "14-redirect: echo writes into out.txt; one offset shared, two offsets clobber; only O_CLOEXEC keeps a descriptor from sh" {
    run_chapter 14-redirect
    assert_transcript 14-redirect
    assert_success
    assert_no_stderr
}

@test "14-redirect: its directory and files are gone at the end" {
    run_chapter 14-redirect
    assert_success
    assert_equal "$(ls -A "$TMPDIR")" ""
}

@test "14-redirect: out.txt's mode is the 0644 asked for, less the umask: 0 gives 644, 077 gives 600" {
    umask 0
    run_chapter 14-redirect
    assert_success
    assert_line --index 1 "out.txt: mode 644"
    umask 077
    run_chapter 14-redirect
    assert_success
    assert_line --index 1 "out.txt: mode 600"
}

@test "14-redirect: a child that cannot exec is reported on stderr, and the program exits 1" {
    RUN_UNDER='env PATH=/nowhere' run_chapter 14-redirect
    assert_failure 1
    refute_line --partial "sh: descriptor"
    # shellcheck disable=SC2154 # run_chapter sets $stderr
    assert_equal "$("$TOP/tests/normalize" <<<"$stderr")" "$(printf '%s\n' \
        "echo: No such file or directory" \
        "child pid <pid> exited with status 127" \
        "sh: No such file or directory" \
        "child pid <pid> exited with status 127")"
}
