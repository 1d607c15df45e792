#!/usr/bin/env bats
# 15-pipeline: "ls | wc -l" and "yes | head -n 3" from pipe, fork, dup2 and
# exec; a write end left open hangs the reader; SIGPIPE, or EPIPE.

setup() {
    load helpers
    GROUP=""
}

# The leaky program's process group, if a test started one: nothing of it
# outlives the test, whatever failed.
teardown() {
    [ -z "$GROUP" ] || kill -KILL -- "-$GROUP" 2>/dev/null || true
}

# A write end left open anywhere would leave wc waiting for ever: bounded
# at 10 s, that fails here rather than hanging the suite.
@test "15-pipeline: wc counts the 2 files, then yes dies of SIGPIPE when head leaves" {
    LIMIT=10 run_chapter 15-pipeline
    assert_transcript 15-pipeline
    assert_success
    assert_no_stderr
}

@test "15-pipeline: with SIGPIPE inherited as ignored, yes gets EPIPE instead, says so and exits 1" {
    # perl ignores SIGPIPE, then execs the program: no shell in between.
    # shellcheck disable=SC2016 # perl expands $SIG, not the shell
    LIMIT=10 RUN_UNDER='perl -e $SIG{PIPE}="IGNORE";exec(@ARGV)' run_chapter 15-pipeline
    assert_success
    assert_line --index 8 --regexp '^yes \(pid [0-9]+\) exited with status 1$'
    assert_stderr_equals "yes: standard output: Broken pipe"
}

# The program with answer 1's patch applied (the parent keeps the write
# end open), built in $BATS_TEST_TMPDIR/copy.
build_leaky_copy() {
    local copy=$BATS_TEST_TMPDIR/copy
    mkdir -p "$copy/chapters/15-pipeline"
    cp -R "$TOP/common" "$copy/"
    cp "$TOP/chapters/15-pipeline/pipeline.c" "$copy/chapters/15-pipeline/"
    (cd "$copy" && patch -s -p1 <"$TOP/book/answers/15-pipeline-1.patch" &&
        cc -std=c17 -Icommon -o chapters/15-pipeline/pipeline chapters/15-pipeline/pipeline.c)
}

@test "15-pipeline: the parent's write end left open (answer 1), wc waits for ever; killing wc frees the parent" {
    build_leaky_copy
    local out=$BATS_TEST_TMPDIR/out wc status=0
    # timeout makes a process group, pgid its pid, for the program and its
    # children; it ends them all if the test goes wrong.
    (cd "$BATS_TEST_TMPDIR/copy/chapters/15-pipeline" &&
        exec timeout -k 2 20 ./pipeline) >"$out" 2>&1 </dev/null 3>&- 4>&- &
    GROUP=$!
    # Poll (the machine may be busy) until ls is done and wc is asleep,
    # then give wc a second more: a correct parent would have closed the
    # last write end by then, and wc would have ended.
    local tries=0 procs
    while :; do
        procs=$(ps -e -o pgid=,pid=,stat=,comm= | awk -v g="$GROUP" '$1 == g')
        wc=$(awk '$4 == "wc" { print $2 " " $3 }' <<<"$procs")
        if [[ ${wc#* } == S* ]] && ! awk '$4 == "ls"' <<<"$procs" | grep -q .; then
            break
        fi
        kill -0 "$GROUP" 2>/dev/null ||
            fail "$(printf 'the program ended, wc with it:\n%s' "$(cat "$out")")"
        tries=$((tries + 1))
        [ "$tries" -le 150 ] || fail "after 15 s, no wc asleep with ls done: $procs"
        sleep 0.1
    done
    sleep 1
    wc=$(ps -e -o pgid=,pid=,stat=,comm= | awk -v g="$GROUP" '$1 == g && $4 == "wc" { print $2 " " $3 }')
    [ -n "$wc" ] || fail "wc ended: its end of file came: $(cat "$out")"
    [[ ${wc#* } == S* ]] || fail "wc is not asleep (in read) but in state ${wc#* }"
    kill -TERM "${wc%% *}"
    wait "$GROUP" || status=$?
    assert_equal "$status" 0
    run cat "$out"
    assert_line --index 0 "1. ls | wc -l"
    assert_line --index 1 --regexp '^ls \(pid [0-9]+\) exited with status 0$'
    assert_line --index 2 --regexp '^wc \(pid [0-9]+\) was killed by signal 15 \(Terminated\)$'
}
