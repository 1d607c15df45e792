#!/usr/bin/env bats
# 04-zombie: the killed, unreaped child shows in ps as <defunct>.

setup() {
    load helpers
}

@test "04-zombie: ps shows the parent and its killed child as a zombie" {
    run_chapter 04-zombie
    assert_transcript 04-zombie -c '^in child process' -r 4-6
    assert_success
    assert_no_stderr
}
