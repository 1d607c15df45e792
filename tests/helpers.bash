# tests/helpers.bash - what every chapter's test shares: `load helpers`.
# shellcheck shell=bash

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
# redis_start DIR, redis_stop and proc_state PID, from what runs a chapter.
# shellcheck source=chapters/run disable=SC1091
. "$TOP/chapters/run" --functions

# run_chapter NN-slug [ARGS...]
# Runs the chapter's program through chapters/run --as-is (from its own
# directory, as a reader would: ./slug), and sets what bats' run sets: $status, $output, $lines, plus
# $stderr. stdout is a plain pipe (a FIFO read by cat), as in `./slug | cat`;
# the program is killed if it outlives LIMIT seconds (default 30). The
# array RUN_PREFIX, if set, is a command that runs the program (prlimit...).
# CHAPTERS_ROOT, if set, is a directory holding chapters/run and
# chapters/NN-slug/slug to run instead of the repository's own
# (tests/copy-paste.bats sets it to a program rebuilt from what the book
# page shows); it defaults to $TOP.
# timeout puts the program in a process group of its own, which everything
# it forks joins. Once the program has ended the group must be empty: a
# process still in it (an orphan still running, a zombie nobody reaped)
# fails the test, and is killed so that it cannot hang the suite.
RUN_PREFIX=()
run_chapter() {
    local chapter=$1
    shift
    local dir=$BATS_TEST_TMPDIR left reader program
    rm -f "$dir/fifo"
    mkfifo "$dir/fifo"
    cat "$dir/fifo" >"$dir/stdout" 3>&- 4>&- &
    reader=$!
    timeout -k 2 "${LIMIT:-30}" "${RUN_PREFIX[@]}" \
        "${CHAPTERS_ROOT:-$TOP}/chapters/run" --as-is "$chapter" "$@" \
        >"$dir/fifo" 2>"$dir/stderr" </dev/null 3>&- 4>&- &
    program=$!
    status=0
    wait "$program" || status=$?
    left=$(ps -e -o pgid=,pid=,stat=,args= | awk -v g="$program" '$1 == g')
    [ -z "$left" ] || pkill -KILL -g "$program" || true
    wait "$reader" || true
    output=$(cat "$dir/stdout")
    stderr=$(cat "$dir/stderr")
    # shellcheck disable=SC2034 # $lines is for bats-assert's assert_line
    mapfile -t lines <<<"$output"
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        printf 'run_chapter: %s did not end within %s s: killed by timeout\n' \
            "$chapter" "${LIMIT:-30}" >&2
    fi
    if [ -n "$left" ]; then
        fail "$(printf 'left behind (pgid pid stat args):\n%s' "$left")"
    fi
}

# assert_stderr_equals TEXT: the last run_chapter printed TEXT on stderr.
assert_stderr_equals() {
    assert_equal "$stderr" "$1"
}

# assert_no_stderr: the last run_chapter printed nothing on stderr.
assert_no_stderr() {
    assert_stderr_equals ""
}

# assert_transcript NN-slug [normalize options]
# Compares the output of the last run with expected/NN-slug.txt, both passed
# through tests/normalize with the same options; if they differ, prints the
# diff, the exit status and stderr.
assert_transcript() {
    local chapter=$1
    shift
    local expected="$TOP/expected/$chapter.txt"
    [ -f "$expected" ] || fail "missing transcript: expected/$chapter.txt"
    if ! diff -u --label "expected/$chapter.txt, normalized" \
        --label "actual output, normalized" \
        <("$TOP/tests/normalize" "$@" <"$expected") \
        <(printf '%s\n' "$output" | "$TOP/tests/normalize" "$@"); then
        printf 'exit status: %s\nstderr:\n%s\n' "${status-}" "${stderr-}"
        return 1
    fi
}

# can_make_namespaces: whether programs can run here in pid and mount
# namespaces of their own (as root, on a kernel and in a container that
# allow it); needs_namespaces: skip the test, saying why, if not.
can_make_namespaces() {
    [ "$(id -u)" -eq 0 ] && unshare --pid --fork --mount-proc true 2>/dev/null
}
needs_namespaces() {
    can_make_namespaces ||
        skip "needs root and namespaces of its own: $(unshare --pid --fork --mount-proc true 2>&1 | head -n 1)"
}

# chapters_taking USAGE: the chapters whose source's " * Usage:" line
# takes just these arguments ("[N]", "[N [WORKERS]]"), one a line.
chapters_taking() {
    local dir
    for dir in "$TOP"/chapters/[0-9][0-9]-*/; do
        [ "$("$TOP/chapters/run" --usage "$(basename "$dir")")" != "$1" ] ||
            basename "$dir"
    done
}

# redis_keys: every key in the test file's private server (redis_start
# "$BATS_FILE_TMPDIR" in setup_file), one a line; nothing if none.
redis_keys() {
    redis-cli -s "$REDIS_HOST" --raw KEYS '*'
}

# signal_if_still SIGNAL PID NAME [VAR=VALUE]: send SIGNAL to PID only if
# it is still a process called NAME (and, if given, with VAR=VALUE in its
# environment, such as this test's REDIS_HOST); status 1, nothing sent, if
# not. A pid read a moment ago (from a Redis key, from /proc) may name
# another process by now: on a busy machine with the kernel's default
# pid_max of 32768, pids come round again within seconds, and a test must
# never signal a process that is not its own.
signal_if_still() {
    proc_state "$2" && [ "$PROC_COMM" = "$3" ] || return 1
    if [ -n "${4:-}" ]; then
        tr '\0' '\n' 2>/dev/null <"/proc/$2/environ" | grep -q -x -F -- "$4" || return 1
    fi
    kill -s "$1" "$2"
}
