#!/usr/bin/env bats
# 21-pi-threads: the same split over THREADS threads of one process; the
# main thread joins them in slice order. What the suite's tests of the
# worker processes check, adapted to a program that has no worker to
# outlive it: bad input, the same digits, a failed pthread_create() and
# write errors are checked with the others (bad-input, pi-agree, faults,
# write-errors.bats); the stop signals here.

setup() {
    load helpers
}

@test "21-pi-threads: 10 threads give the tutorial's 3.141592650405625" {
    run_chapter 21-pi-threads
    assert_no_stderr
    assert_success
    assert_equal "${lines[0]}" 3.141592650405625
    assert_transcript 21-pi-threads
}

# signalled SIGNAL WHOM [N]: from the chapter's directory, start pi-threads
# with 4 threads (and N terms, default far too many to finish), in a process
# group of its own (set -m, as at a terminal); once it has its 4 threads (5
# tasks in /proc/PID/task: the main thread and 4), send SIGNAL to WHOM:
# "group" (what Ctrl-C does), "process", or "thread" (the third thread's
# id, as if that thread had crashed); "none" sends nothing. Prints, a line
# each: how many child processes it had then, its exit status, its stdout,
# its stderr. A program still running after 30 s is killed.
signalled() {
    # shellcheck disable=SC2016 # for the inner bash
    timeout -k 2 30 bash -c '
        set -m
        cd "$0" || exit 1
        [ "$2" = ignored ] && trap "" INT
        ./pi-threads "$3" 4 >"$4/out" 2>"$4/err" </dev/null &
        program=$!
        # If the outer timeout ends this bash, the program (in a process
        # group of its own) must not go on alone.
        stop() { kill -KILL "$program"; wait "$program"; echo "killed by timeout"; exit 1; }
        trap stop TERM
        for _ in $(seq 1000); do
            tasks=("/proc/$program/task"/*)
            [ "${#tasks[@]}" -lt 5 ] || break
            sleep 0.01
        done
        [ "${#tasks[@]}" -eq 5 ] || { echo "no 4 threads: ${#tasks[@]} tasks"; exit 1; }
        children=$(cat "/proc/$program/task"/*/children)
        echo "children: ${children:-none}"
        case $2 in
        group) kill -s "$1" -- "-$program" ;;
        process | ignored) kill -s "$1" "$program" ;;
        thread) kill -s "$1" "${tasks[3]#/proc/$program/task/}" ;;
        esac
        status=0
        wait "$program" || status=$?
        echo "status $status"
        echo "stdout: $(head -n 1 "$4/out")"
        echo "stderr: $(cat "$4/err")"
    ' "$TOP/chapters/21-pi-threads" "$1" "$2" "${3:-1000000000000}" "$BATS_TEST_TMPDIR" 3>&- 4>&-
}

@test "21-pi-threads: one process, no child: 4 threads at work, and Ctrl-C (SIGINT to the group) ends them all, exit 130" {
    run --separate-stderr signalled INT group
    assert_output "children: none
status 130
stdout: 
stderr: "
}

@test "21-pi-threads: SIGTERM or SIGHUP to the process ends every thread, exit 143 or 129, nothing printed" {
    run --separate-stderr signalled TERM process
    assert_output "children: none
status 143
stdout: 
stderr: "
    run --separate-stderr signalled HUP process
    assert_output "children: none
status 129
stdout: 
stderr: "
}

@test "21-pi-threads: a thread that crashes (SIGSEGV) takes the whole program down: no report, no pi, exit 139" {
    # The core dump, if this machine writes one, is switched off: nothing
    # may be left in the chapter's directory.
    ulimit -c 0
    run --separate-stderr signalled SEGV thread
    assert_output "children: none
status 139
stdout: 
stderr: "
}

@test "21-pi-threads: a SIGINT inherited as ignored stays ignored" {
    run --separate-stderr signalled INT ignored 200000000
    assert_output "children: none
status 0
stdout: 3.1415926526262297
stderr: "
}
