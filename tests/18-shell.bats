#!/usr/bin/env bats
# 18-shell: a small shell; pipelines of any length, < and >, $? in the
# prompt; through a pipe, and at a terminal (a pty made by script(1)),
# where Ctrl-C reaches the running pipeline and not the shell.

setup() {
    load helpers
    SHELL_PROGRAM=$TOP/chapters/18-shell/shell
}

# shell_session LINE...: feeds the lines to the shell through a pipe, in
# $BATS_TEST_TMPDIR; sets $status, $output (stdout) and $stderr.
shell_session() {
    local dir=$BATS_TEST_TMPDIR
    status=0
    printf '%s\n' "$@" | (cd "$dir" && timeout -k 2 10 "$SHELL_PROGRAM") \
        >"$dir/session.out" 2>"$dir/session.err" 3>&- 4>&- || status=$?
    output=$(cat "$dir/session.out")
    stderr=$(cat "$dir/session.err")
}

@test "18-shell: with nothing to read, it prompts with status 0 and exits" {
    run_chapter 18-shell
    assert_transcript 18-shell
    assert_success
    assert_no_stderr
}

@test "18-shell: runs ls -l /etc | grep conf | wc -l > out.txt, then cat < out.txt, as sh does" {
    local count
    count=$(sh -c 'ls -l /etc | grep conf | wc -l')
    shell_session 'ls -l /etc | grep conf | wc -l > out.txt' 'cat < out.txt'
    assert_success
    assert_output "$(printf '%s\n' '[0]$ ls -l /etc | grep conf | wc -l > out.txt' \
        '[0]$ cat < out.txt' "$count" '[0]$ exit')"
    assert_equal "$(cat "$BATS_TEST_TMPDIR/out.txt")" "$count"
    assert_no_stderr
}

@test "18-shell: the prompt shows \$? of the last command of a pipeline: 1, 127, 128 + the signal, 2 for a syntax error" {
    printf '#!/bin/sh\nkill -TERM $$\n' >"$BATS_TEST_TMPDIR/die"
    chmod +x "$BATS_TEST_TMPDIR/die"
    shell_session false 'false | true' 'true | false' no-such-command ./die \
        'echo x |' '| wc' 'cat <' 'echo done'
    assert_equal "$status" 0
    assert_output "$(printf '%s\n' '[0]$ false' '[1]$ false | true' \
        '[0]$ true | false' '[1]$ no-such-command' '[127]$ ./die' \
        '[143]$ echo x |' '[2]$ | wc' '[2]$ cat <' '[2]$ echo done' 'done' \
        '[0]$ exit')"
    assert_equal "$stderr" "$(printf '%s\n' \
        'no-such-command: No such file or directory' 'shell: syntax error' \
        'shell: syntax error' 'shell: syntax error')"
}

@test "18-shell: every write end of every pipe is closed: a long pipeline ends, and yes | head ends by SIGPIPE" {
    shell_session 'echo one two | cat | cat | cat | cat | tr a-z A-Z | wc -w' \
        'yes | head -n 2' 'cat < /etc/hostname | cat > copy' 'cat copy | wc -l'
    assert_success
    assert_output "$(printf '%s\n' \
        '[0]$ echo one two | cat | cat | cat | cat | tr a-z A-Z | wc -w' 2 \
        '[0]$ yes | head -n 2' y y '[0]$ cat < /etc/hostname | cat > copy' \
        '[0]$ cat copy | wc -l' 1 '[0]$ exit')"
}

@test "18-shell: its exit status is the last command's; bad arguments: usage, exit 2" {
    shell_session false
    assert_equal "$status" 1
    run -2 --separate-stderr timeout -k 2 10 "$SHELL_PROGRAM" extra
    assert_output ""
    assert_equal "$stderr" "Usage: $SHELL_PROGRAM"
}

# At a terminal. script(1) runs the shell on a pty of its own, in a session
# of its own; what we write to script's stdin is typed at that terminal
# (\003 is Ctrl-C, \004 Ctrl-D), what the terminal shows goes to out.
# type TEXT: types TEXT at the terminal.
type_at_terminal() {
    printf '%b' "$1" >&5
}
# shown REGEX: waits (at most 10 s) until the terminal has shown a line
# that REGEX (grep -E) matches. (It echoes what is typed, whether or not a
# process reads it.)
shown() {
    local _
    for _ in $(seq 200); do
        ! grep -q -E -- "$1" "$BATS_TEST_TMPDIR/out" 2>/dev/null || return 0
        sleep 0.05
    done
    fail "the terminal never showed '$1'; it shows: $(cat "$BATS_TEST_TMPDIR/out")"
}
# foreground ARGS: waits until a process whose command line is ARGS runs
# in its terminal's foreground process group (stat fields 5 and 8).
foreground() {
    local pid stat fields _
    for _ in $(seq 200); do
        for pid in $(pgrep -x -f "$1"); do
            read -r stat 2>/dev/null <"/proc/$pid/stat" || continue
            read -r -a fields <<<"${stat##*) }"
            [ "${fields[2]}" != "${fields[5]}" ] || return 0
        done
        sleep 0.05
    done
    fail "no '$1' in the foreground of a terminal"
}

@test "18-shell: at a terminal, Ctrl-C ends the running pipeline (status 130) and not the shell, at the prompt either" {
    local dir=$BATS_TEST_TMPDIR script_status=0
    mkfifo "$dir/keys"
    # script runs its command with "$SHELL -c". dash, unlike bash, does not
    # replace itself with the one command it runs: it stays the session
    # leader, in the terminal's foreground group, gets the Ctrl-C typed at
    # the prompt, and kills itself with SIGINT once the shell has ended
    # (script then exits 130). With exec, under any $SHELL, the shell under
    # test is the session leader, as when a terminal starts it.
    (cd "$dir" && SHELL=/bin/sh exec timeout -k 2 30 script -q -e -c "exec '$SHELL_PROGRAM'" /dev/null \
        <"$dir/keys" >"$dir/out" 2>&1 3>&- 4>&-) &
    local script_pid=$!
    exec 5>"$dir/keys"
    shown '^\[0\]\$ '
    type_at_terminal 'sleep 7.31 | sleep 7.32\n'
    foreground 'sleep 7.31'
    foreground 'sleep 7.32'
    type_at_terminal '\003'
    shown '\[130\]\$ '
    type_at_terminal '\003' # at the prompt
    shown '\[130\]\$ \^C' # its echo: the terminal has sent SIGINT by now
    type_at_terminal 'echo alive\n'
    shown '^alive'
    type_at_terminal '\004'
    exec 5>&-
    wait "$script_pid" || script_status=$?
    run cat "$dir/out"
    [ "$script_status" -eq 0 ] ||
        fail "script exited $script_status; the terminal showed: $output"
    assert_line --partial '[0]$ sleep 7.31 | sleep 7.32'
    assert_line --partial '^C[130]$ ^Cecho alive'
    assert_line --partial '[0]$ exit'
    refute_output --partial 'sleep: '
}
