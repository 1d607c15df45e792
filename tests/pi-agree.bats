#!/usr/bin/env bats
# The pi programs of chapters 8 to 11, 20 and 21 agree to the last bit: the
# parallel ones (processes or threads) with each other and with the same sum done in awk, for any
# N and WORKERS (WORKERS > N too), with the serial one when WORKERS is 1,
# and run after run.

load redis

setup() {
    load helpers
}

# pi_of NN-slug ARGS...: the pi the chapter's program prints (its first
# line), after checking that it succeeded and printed two lines and nothing
# on stderr. Run directly, not by run_chapter: the chapters' own tests
# check what a run leaves behind, and this file runs many.
pi_of() {
    local chapter=$1 out
    shift
    out=$(cd "$TOP/chapters/$chapter" &&
        timeout -k 2 30 "./${chapter#*-}" "$@" 2>"$BATS_TEST_TMPDIR/stderr") ||
        fail "${chapter#*-} $* failed: $(cat "$BATS_TEST_TMPDIR/stderr")"
    [ ! -s "$BATS_TEST_TMPDIR/stderr" ] ||
        fail "${chapter#*-} $* printed on stderr: $(cat "$BATS_TEST_TMPDIR/stderr")"
    local two_lines=$'^[0-9.]+\ntime: [0-9.]+$'
    [[ $out =~ $two_lines ]] || fail "${chapter#*-} $* printed: $out"
    echo "${out%%$'\n'*}"
}

# by_awk N WORKERS PI: whether PI (as printed) is the very double that awk,
# whose numbers are doubles too, gets by the rules of the book: slice i is
# k from floor(N*i/WORKERS) up to floor(N*(i+1)/WORKERS), each summed from
# 0.0 up, the slices added in order from 0.0. awk reads PI with strtod().
by_awk() {
    awk -v n="$1" -v w="$2" -v pi="$3" 'BEGIN {
        total = 0.0
        for (i = 0; i < w; i++) {
            s = 0.0
            for (k = int(n * i / w); k < int(n * (i + 1) / w); k++)
                s += 1.0 / (2 * k + 1) / (2 * k + 1)
            total += s
        }
        exit !(sqrt(8 * total) == pi + 0)
    }'
}

# The programs compared: the serial one ("[N]") and the parallel ones
# ("[N [WORKERS]]", and the threads' "[N [THREADS]]"), from their sources'
# usage lines.
serial_and_parallel() {
    SERIAL=$(chapters_taking "[N]")
    mapfile -t PARALLEL < <(chapters_taking "[N [WORKERS]]"; chapters_taking "[N [THREADS]]")
    if [ -z "$SERIAL" ] || [ "${#PARALLEL[@]}" -lt 2 ]; then
        fail "no pi programs found"
    fi
}

@test "pi agree: the parallel programs print the same pi, and serial's when WORKERS is 1" {
    local n w serial pi chapter awk row header table="" bad=0
    serial_and_parallel
    header=$(printf '      N   W  %-19s' "${SERIAL#*-}")
    for chapter in "${PARALLEL[@]}"; do header+=$(printf ' %-19s' "${chapter#*-}"); done
    for pair in "1 1" "1 3" "7 3" "7 10" "1000 1" "1000 7" "1000 23" \
        "999983 1" "999983 10" "999983 100"; do
        read -r n w <<<"$pair"
        serial=-
        [ "$w" -ne 1 ] || serial=$(pi_of "$SERIAL" "$n")
        row=$(printf '%7s %3s  %-19s' "$n" "$w" "$serial")
        local pis=()
        for chapter in "${PARALLEL[@]}"; do
            pi=$(pi_of "$chapter" "$n" "$w")
            pis+=("$pi")
            row+=$(printf ' %-19s' "$pi")
        done
        awk=yes
        by_awk "$n" "$w" "${pis[0]}" || awk=no
        row+=" $awk"
        if [ "$(printf '%s\n' "${pis[@]}" | sort -u | wc -l)" -ne 1 ] || [ $awk = no ] ||
            { [ "$w" -eq 1 ] && [ "$serial" != "${pis[0]}" ]; }; then
            row+="  <- differ"
            bad=1
        fi
        table+=$'\n'$row
    done
    [ "$bad" -eq 0 ] || fail "$header awk agrees$table"
}

@test "pi agree: the same pi run after run" {
    local first chapter
    serial_and_parallel
    first=$(pi_of "${PARALLEL[0]}" 999983 10)
    for _ in 1 2; do
        for chapter in "${PARALLEL[@]}"; do
            assert_equal "$(pi_of "$chapter" 999983 10)" "$first"
        done
    done
}

@test "pi agree: make bench's Python versions print the C programs' digits; bad arguments exit 2" {
    local py args want got
    for args in 1 7 999983; do
        want=$(pi_of 08-pi-serial "$args")
        got=$(python3 "$TOP/chapters/pi-serial.py" "$args" | head -n 1)
        [ "$got" = "$want" ] || fail "pi-serial.py $args printed $got, pi-serial $want"
    done
    for args in "1 1" "7 10" "1000 7" "999983 10"; do
        # shellcheck disable=SC2086 # N and WORKERS
        want=$(pi_of 11-pi-pipe $args)
        # shellcheck disable=SC2086
        got=$(python3 "$TOP/chapters/pi-pipe.py" $args | head -n 1)
        [ "$got" = "$want" ] || fail "pi-pipe.py $args printed $got, pi-pipe $want"
    done
    for py in pi-serial.py pi-pipe.py; do
        for args in abc 0 "1 2 3"; do
            # shellcheck disable=SC2086 # no word, one or several
            run -2 --separate-stderr python3 "$TOP/chapters/$py" $args
            assert_output ""
            # shellcheck disable=SC2154 # run --separate-stderr sets $stderr
            assert_equal "${stderr%%:*}" Usage
        done
    done
}
