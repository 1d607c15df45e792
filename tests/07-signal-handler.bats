#!/usr/bin/env bats
# 07-signal-handler: the child's own SIGTERM handler says goodbye.
# bats file_tags=slow

setup() {
    load helpers
}

@test "07-signal-handler: the handler prints 'child will die' and ends the child" {
    run_chapter 07-signal-handler
    assert_transcript 07-signal-handler -c '^(in child process|child will die)' -r 4-6
    assert_success
    assert_no_stderr
}
