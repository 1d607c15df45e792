#!/usr/bin/env bats
# Part 1's children and their parents (chapters 3 to 7): each parent ends
# its own child, so a parent killed first leaves the child an orphan that
# prints once a second until a signal sent to the child itself ends it.
# What pages 3 to 7 say about that ("If the parent is killed first"),
# run: the parent alone killed, the program under `timeout 3`, and a
# Ctrl-C to its whole process group. Every orphan is ended here.
# bats file_tags=slow
#
# The fifteen runs go side by side, started in setup_file, each in a pid
# namespace of its own (unshare, as root) whose first process, a bash with
# job control as at a terminal, runs the program as a reader's shell
# would, adopts its orphan as process 1 does, and reaps it when it dies:
# the suite must leave no zombie behind, and on this machine the real
# process 1 reaps orphans late, if at all. When that bash ends, or
# teardown_file kills its unshare, the namespace ends, and anything still
# in it is killed.

# The chapters whose child prints "in child process" in an endless loop
# (for (;;)) until a signal ends it, from their sources: 3 to 7 today.
# Each test below names what each of them must tell, and fails for a
# chapter it does not name (a new chapter of this kind) or names wrongly.
CHAPTERS=$(cd "$BATS_TEST_DIRNAME/../chapters" &&
    grep -l -F 'for (;;)' [0-9][0-9]-*/*.c | xargs grep -l -F '"in child process' |
    cut -d/ -f1 | tr '\n' ' ')

setup_file() {
    load helpers
    can_make_namespaces || return 0
    local chapter how
    for how in parent timeout ctrl-c; do
        for chapter in $CHAPTERS; do
            story "$chapter" "$how"
        done
    done
}

# Whatever happened, nothing a run started outlives the file.
teardown_file() {
    local run
    for run in "$BATS_FILE_TMPDIR"/*/unshare; do
        [ -f "$run" ] || continue
        kill -KILL "$(cat "$run")" 2>/dev/null || true
    done
    wait
}

setup() {
    load helpers
    needs_namespaces
}

# story NN-slug HOW: runs orphan_story in a pid namespace of its own, in
# the background; its lines go to $BATS_FILE_TMPDIR/NN-slug.HOW/story.
story() {
    local dir=$BATS_FILE_TMPDIR/$1.$2
    mkdir "$dir"
    # shellcheck disable=SC2016 # $@ is the inner bash's
    (cd "$dir" && exec unshare --pid --fork --kill-child --mount-proc bash -c \
        "$(declare -f orphan_story alive ppid ended); set -m; orphan_story \"\$@\"" \
        bash "$TOP" "$1" "$2" >"$dir/story" 2>"$dir/stderr" </dev/null) 3>&- 4>&- &
    echo $! >"$dir/unshare"
}

# orphan_story TOP NN-slug HOW: as process 1 of its namespace, from the
# chapter's directory, starts `./slug | cat` (the pipe a FIFO, cat's copy of
# it in the file out), ends the parent early, HOW:
#   parent   kill -TERM to the parent's pid alone, at 2 s
#   timeout  the program run as `timeout 3 ./slug`, which at 3 s sends
#            SIGTERM to the process group it leads (the job's, with the
#            program in it)
#   ctrl-c   kill -INT to the program's process group at 2 s, as Ctrl-C
#            at a terminal does to its foreground job
# and tells, a line each, what became of the parent, the child and the
# pipe, and what it took to end the child.
orphan_story() {
    local top=$1 chapter=$2 how=$3 program=${2#*-}
    local dir=$PWD runner="" parent="" child="" lines pid _
    cd "$top/chapters/$chapter" || return 1
    mkfifo "$dir/fifo"
    cat "$dir/fifo" >"$dir/out" &
    local reader=$!
    if [ "$how" = timeout ]; then
        timeout 3 "./$program" >"$dir/fifo" 2>&1 </dev/null &
        runner=$!
    else
        "./$program" >"$dir/fifo" 2>&1 </dev/null &
        parent=$!
    fi
    for _ in $(seq 100); do
        [ -n "$parent" ] || read -r parent 2>/dev/null <"/proc/$runner/task/$runner/children"
        [ -z "$parent" ] || read -r child 2>/dev/null <"/proc/$parent/task/$parent/children"
        [ -z "$child" ] || break
        sleep 0.05
    done
    [ -n "$child" ] || { echo "no child"; return 1; }
    case $how in
    timeout) wait "$runner" ;;
    parent) sleep 2 && kill -TERM "$parent" && wait "$parent" ;;
    ctrl-c) sleep 2 && kill -INT -- "-$parent" && wait "$parent" ;;
    esac
    echo "$how: exit status $?"
    lines=$(grep -c '^in child process$' "$dir/out")
    sleep 3
    lines=$(($(grep -c '^in child process$' "$dir/out") - lines))
    if alive "$child"; then
        case $lines in
        [234]) lines="once a second" ;;
        *) lines="$lines lines in 3 s" ;;
        esac
        echo "child: alive, its parent now $(ppid "$child"), prints $lines"
        if alive "$reader"; then echo "pipe: open"; else echo "pipe: closed"; fi
        kill -TERM "$child"
        if ended "$child"; then
            echo "kill PID (SIGTERM) to the child: it ended"
        else
            lines=$(grep -c . "$dir/out")
            sleep 1
            if [ "$(grep -c . "$dir/out")" -gt "$lines" ]; then
                echo "kill PID (SIGTERM) to the child: ignored, it prints on"
            else
                echo "kill PID (SIGTERM) to the child: ignored, but it prints nothing"
            fi
            kill -KILL "$child"
            ! ended "$child" || echo "kill -KILL PID to the child: it ended"
        fi
    else
        echo "child: ended"
    fi
    ! ended "$reader" || echo "pipe: closed, last line: $(tail -n 1 "$dir/out")"
    for pid in /proc/[0-9]*; do
        pid=${pid#/proc/}
        [ "$pid" = 1 ] || [ "$pid" = "$BASHPID" ] || ! alive "$pid" ||
            echo "left: $pid $(ps -o args= -p "$pid")"
    done
}

# alive PID: PID is a process, and not a zombie.
alive() {
    local stat
    read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}

# ppid PID: the pid of its parent.
ppid() {
    local stat
    read -r stat <"/proc/$1/stat"
    stat=${stat##*) }
    stat=${stat#* }
    echo "${stat%% *}"
}

# ended PID: PID is not alive within 2 s.
ended() {
    local _
    for _ in $(seq 40); do
        alive "$1" || return 0
        sleep 0.05
    done
    return 1
}

# told NN-slug HOW: what the story of NN-slug, HOW told, once its namespace
# has ended (if it has not within 30 s, what it told so far).
told() {
    local dir=$BATS_FILE_TMPDIR/$1.$2 _
    for _ in $(seq 600); do
        if ! proc_state "$(cat "$dir/unshare")" || [ "$PROC_STATE" = Z ]; then
            break
        fi
        sleep 0.05
    done
    cat "$dir/story"
}

# expect HOW NN-slug... -- LINE...: what the story of each chapter, HOW,
# must have told; each difference is added to $problems, with the stderr
# of the namespace's bash.
expect() {
    local how=$1 chapters=() chapter actual expected
    shift
    while [ "$1" != -- ]; do
        chapters+=("$1")
        shift
    done
    shift
    expected=$(printf '%s\n' "$@")
    for chapter in "${chapters[@]}"; do
        named+=" $chapter"
        [[ " $CHAPTERS " = *" $chapter "* ]] ||
            problems+="$chapter, $how: named here, but its child does not print forever"$'\n'

        actual=$(told "$chapter" "$how")
        [ "$actual" != "$expected" ] || continue
        problems+="$chapter, $how: what it told differs (< expected, > actual):"$'\n'
        problems+="$(diff <(echo "$expected") <(echo "$actual") || true)"$'\n'
        problems+="  (its namespace's bash said on stderr:)"$'\n'
        problems+="$(sed 's/^/  /' "$BATS_FILE_TMPDIR/$chapter.$how/stderr")"$'\n'
    done
}

# all_named: each of $CHAPTERS was named by the test's expect lines.
all_named() {
    local chapter
    for chapter in $CHAPTERS; do
        [[ "$named " = *" $chapter "* ]] ||
            problems+="$chapter: its child prints forever, but this test does not say what it must tell"$'\n'
    done
}

@test "orphans: killed alone at 2 s, the parent of chapters 3 to 7 leaves its child printing under process 1; kill PID ends it, kill -KILL PID in chapter 6" {
    local problems="" named=""
    expect parent 03-kill 04-zombie 05-waitpid -- 'parent: exit status 143' \
        'child: alive, its parent now 1, prints once a second' 'pipe: open' \
        'kill PID (SIGTERM) to the child: it ended' \
        'pipe: closed, last line: in child process'
    expect parent 06-ignore-signal -- 'parent: exit status 143' \
        'child: alive, its parent now 1, prints once a second' 'pipe: open' \
        'kill PID (SIGTERM) to the child: ignored, it prints on' \
        'kill -KILL PID to the child: it ended' \
        'pipe: closed, last line: in child process'
    expect parent 07-signal-handler -- 'parent: exit status 143' \
        'child: alive, its parent now 1, prints once a second' 'pipe: open' \
        'kill PID (SIGTERM) to the child: it ended' \
        'pipe: closed, last line: child will die'
    all_named
    [ -z "$problems" ] || fail "$problems"
}

@test "orphans: under timeout 3, which signals the whole group, only chapter 6's child outlives its parent" {
    local problems="" named=""
    expect timeout 03-kill 04-zombie 05-waitpid -- 'timeout: exit status 124' \
        'child: ended' 'pipe: closed, last line: in child process'
    expect timeout 06-ignore-signal -- 'timeout: exit status 124' \
        'child: alive, its parent now 1, prints once a second' 'pipe: open' \
        'kill PID (SIGTERM) to the child: ignored, it prints on' \
        'kill -KILL PID to the child: it ended' \
        'pipe: closed, last line: in child process'
    expect timeout 07-signal-handler -- 'timeout: exit status 124' \
        'child: ended' 'pipe: closed, last line: child will die'
    all_named
    [ -z "$problems" ] || fail "$problems"
}

@test "orphans: Ctrl-C (SIGINT to the whole process group) at 2 s ends parent and child alike in chapters 3 to 7" {
    local problems="" named=""
    # shellcheck disable=SC2086 # one word a chapter
    expect ctrl-c $CHAPTERS -- 'ctrl-c: exit status 130' 'child: ended' \
        'pipe: closed, last line: in child process'
    all_named
    [ -z "$problems" ] || fail "$problems"
}
