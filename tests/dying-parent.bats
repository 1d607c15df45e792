#!/usr/bin/env bats
# A worker does not outlive its parent by more than a moment, whatever
# kills the parent (die_with_parent() in common/common.h: Linux's
# PR_SET_PDEATHSIG). Each parallel pi program runs with a sum far too long
# to finish, its parent is killed with SIGKILL once its workers are at
# work, and no worker may be alive a moment later.
#
# The run happens in a pid namespace of its own (unshare, as root), whose
# first process, a bash, adopts the orphans and reaps them as they die:
# on this machine PID 1 reaps no orphan, and the suite must leave no
# zombie behind. When the bash ends, the namespace ends, and anything
# still in it is killed.

setup_file() {
    load helpers
    redis_start "$BATS_FILE_TMPDIR"
}

teardown_file() {
    load helpers
    redis_stop
}

setup() {
    load helpers
    [ "$(id -u)" -eq 0 ] || skip "needs root, for a pid namespace of its own"
    export TMPDIR=$BATS_TEST_TMPDIR/tmp
    mkdir "$TMPDIR"
}

# after_parent_killed NN-slug: in a pid namespace, start the program with 4
# workers, SIGKILL the parent once it has them, then print how many of its
# processes are still alive (state other than Z) 0, 0.1, ... 2 s later:
# the first count that is 0, or the last one.
after_parent_killed() {
    # shellcheck disable=SC2016 # for the inner bash
    unshare --pid --fork --mount-proc bash -c '
        "$0" --as-is "$1" 1000000000000 4 2>/dev/null &
        parent=$!
        for _ in $(seq 200); do
            read -r -a workers 2>/dev/null <"/proc/$parent/task/$parent/children"
            [ "${#workers[@]}" -lt 4 ] || break
            sleep 0.05
        done
        [ "${#workers[@]}" -eq 4 ] || { echo "no 4 workers"; exit 1; }
        kill -KILL "$parent"
        for _ in $(seq 20); do
            alive=0
            for pid in "${workers[@]}"; do
                read -r stat 2>/dev/null <"/proc/$pid/stat" || continue
                stat=${stat##*) }
                [[ $stat == Z* ]] || alive=$((alive + 1))
            done
            [ "$alive" -gt 0 ] || break
            sleep 0.1
        done
        echo "$alive workers alive"
    ' "$TOP/chapters/run" "$1" 3>&- 4>&-
}

@test "dying parent: no worker of a parallel pi program outlives its parent killed by SIGKILL" {
    local chapter problems=""
    for chapter in $(chapters_taking "[N [WORKERS]]"); do
        run --separate-stderr after_parent_killed "$chapter"
        [ "$output" = "0 workers alive" ] || problems+="${chapter#*-}: $output"$'\n'
    done
    [ -z "$problems" ] || fail "$problems"
    # What SIGKILL leaves: pi-files' directory, which the page mentions.
    rm -rf "$TMPDIR"/pi-files.*
    assert_equal "$(ls -A "$TMPDIR")" ""
}
