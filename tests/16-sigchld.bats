#!/usr/bin/env bats
# 16-sigchld: a SIGCHLD handler that reaps with a waitpid(-1, WNOHANG) loop;
# ten children, one signal; EINTR; sigsuspend; SIGCHLD ignored.
# bats file_tags=slow

setup() {
    load helpers
}

# A handler that reaps one child per signal leaves nine of the ten
# unreaped: the run then differs from the transcript, and the wait for the
# last children never ends (bounded here at 15 s).
@test "16-sigchld: one handler run reaps all ten children; read fails with EINTR; ignored, the status is lost" {
    LIMIT=15 run_chapter 16-sigchld
    assert_transcript 16-sigchld
    assert_success
    assert_no_stderr
}
