#!/usr/bin/env bats
# 17-process-group: kill(-pgid) ends a leader and its workers at once; a
# subreaper adopts orphans; PR_SET_PDEATHSIG ends a child with its parent.

setup() {
    load helpers
}

# Without the subreaper the workers go to process 1 and the program's
# waitpid(-1) fails with ECHILD; without PR_SET_PDEATHSIG the faithful
# child never ends, and the run is stopped at 10 s; without setpgid,
# kill(-pgid) finds no such group.
@test "17-process-group: one kill ends a group of three; the orphans come to the subreaper; one dies with its parent" {
    LIMIT=10 run_chapter 17-process-group
    assert_transcript 17-process-group
    assert_success
    assert_no_stderr
}
