# tests/pi.bash - what the tests of the parallel pi programs (chapters 9 to
# 11) share: `load pi`, after `load helpers`.
# shellcheck shell=bash
# shellcheck disable=SC2034 # the ORDER_ values and VICTIM are for the tests
# shellcheck disable=SC2030,SC2031 # $PIDS is set in at_work's subshell, for the actions it runs there
# shellcheck disable=SC2154 # run_chapter sets $output

# A run where the order of the additions shows: slice 0 holds by far the
# largest partial sum, and adding it last instead of first changes the
# last digits of pi. Each of the 4 workers has 4 * 10^7 terms to sum, about
# 0.1 s of work, long enough to be caught at it.
ORDER_N=160000000
ORDER_WORKERS=4
ORDER_PI=3.141592651712772        # slices added in order 0, 1, 2, 3
ORDER_PI_WRONG=3.1415926517127715 # ... in order 1, 2, 3, 0

# children_of PID: sets the array CHILDREN to the pids of PID's children,
# read from /proc without starting a process: polling must be quick, the
# workers to catch may have little left to do.
children_of() {
    CHILDREN=()
    read -r -a CHILDREN 2>/dev/null <"/proc/$1/task/$1/children" || true
}

# workers_of SHELL-PID NAME COUNT: once the program NAME, run by run_chapter
# from the shell SHELL-PID (through timeout), has COUNT workers, prints
# their pids one a line, in the order they were made. Fails (status 1) if
# that does not happen within 20 s; status 2 if the program has ended, or
# a worker already been reaped, before all were seen (the caller creates
# $BATS_TEST_TMPDIR/ended once the program has ended).
workers_of() {
    local shell=$1 name=$2 count=$3 deadline=$((SECONDS + 20)) seen=no
    local child comm program
    while [ "$SECONDS" -lt "$deadline" ]; do
        [ ! -e "$BATS_TEST_TMPDIR/ended" ] || return 2
        program=""
        children_of "$shell"
        for child in "${CHILDREN[@]}"; do
            comm=""
            read -r comm 2>/dev/null <"/proc/$child/comm" || true
            if [ "$comm" = timeout ]; then
                children_of "$child"
                program=${CHILDREN[0]:-}
            fi
        done
        if [ -n "$program" ]; then
            seen=yes
            children_of "$program"
            if [ "${#CHILDREN[@]}" -eq "$count" ]; then
                printf '%s\n' "${CHILDREN[@]}" | sort -n
                return 0
            fi
        elif [ $seen = yes ]; then
            return 2
        fi
        sleep 0.005
    done
    echo "workers_of: no $count workers of $name within 20 s" >&2
    return 1
}

# has_ended PID: the process is a zombie, or gone.
has_ended() {
    ! proc_state "$1" || [ "$PROC_STATE" = Z ]
}

# The helpers below act from outside on a program at work. On a very busy
# machine a helper may not get the CPU before the workers are done: it
# asks for a higher priority (only root may), and when it came too late
# the whole run is tried again, up to 3 times.
prompt() {
    renice -n -10 -p "$BASHPID" >/dev/null 2>&1 || true
}

# at_work NN-slug ACTION [ARGS...]: run_chapter with ORDER_N terms and
# ORDER_WORKERS workers while, from outside, ACTION ARGS runs in a subshell
# with the workers' pids in $PIDS, one a line, in the order they were made.
# An ACTION that came too late (a worker already done) exits 2, and the
# whole run is tried again, up to 3 times. Status: ACTION's, or 3 if the
# program left a process behind (run_chapter has said which).
at_work() {
    local chapter=$1 me=$BASHPID helper late=0 ran
    shift
    for _ in 1 2 3; do
        rm -f "$BATS_TEST_TMPDIR/ended"
        (
            prompt
            PIDS=$(workers_of "$me" "${chapter#*-}" "$ORDER_WORKERS") || exit $?
            "$@"
        ) 3>&- 4>&- &
        helper=$!
        ran=0
        run_chapter "$chapter" "$ORDER_N" "$ORDER_WORKERS" || ran=$?
        : >"$BATS_TEST_TMPDIR/ended"
        late=0
        wait "$helper" || late=$?
        # The callers run at_work after ||, where run_chapter's own failure
        # (a process left behind) would not end the test: pass it on.
        [ "$ran" -eq 0 ] || return 3
        [ "$late" -eq 2 ] || return "$late"
        echo "at_work: $1 came too late for the workers of ${chapter#*-}; again" >&2
    done
    return "$late"
}

# kill_a_worker NN-slug: run_chapter while from outside SIGKILL ends
# worker 2 at work. Sets VICTIM to its pid.
kill_a_worker() {
    local how=0 # not "status": run_chapter sets the test's $status
    at_work "$1" kill_worker_2 || how=$?
    [ "$how" -ne 3 ] || fail "$1 left a process behind (above)"
    [ "$how" -eq 0 ] || fail "could not kill worker 2 at work; output: $output"
    VICTIM=$(cat "$BATS_TEST_TMPDIR/victim")
}
kill_worker_2() {
    local victim
    victim=$(sed -n 3p <<<"$PIDS")
    has_ended "$victim" && exit 2 # too late
    echo "$victim" >"$BATS_TEST_TMPDIR/victim"
    signal_if_still KILL "$victim" "${chapter#*-}" || exit 2
}

# hold_back_slice_0 NN-slug [COMMAND...]: run_chapter while from outside
# SIGSTOP holds worker 0 until the other workers have ended, so that slice
# 0's sum arrives last. COMMAND, if given, runs (output in
# $BATS_TEST_TMPDIR/held) while worker 0 waits; its pid is in $HELD.
hold_back_slice_0() {
    local chapter=$1 how=0 # not "status": run_chapter sets the test's $status
    shift
    at_work "$chapter" hold_worker_0 "$@" || how=$?
    [ "$how" -ne 3 ] || fail "$chapter left a process behind (above)"
    [ "$how" -eq 0 ] || fail "could not hold worker 0 back while at work; output: $output"
}
hold_worker_0() {
    local first pid
    first=$(head -n 1 <<<"$PIDS")
    signal_if_still STOP "$first" "${chapter#*-}" || exit 2
    # Had it ended already? Then its sum did not come last.
    has_ended "$first" && exit 2
    for pid in $(tail -n +2 <<<"$PIDS"); do
        until has_ended "$pid"; do sleep 0.01; done
    done
    if [ $# -gt 0 ]; then
        HELD=$first "$@" >"$BATS_TEST_TMPDIR/held" 2>&1
    fi
    signal_if_still CONT "$first" "${chapter#*-}" || true # (a zombie keeps its name)
}
