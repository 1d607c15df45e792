#!/usr/bin/env bats
# The pi programs of chapters 8 to 11 agree to the last bit: the three
# parallel ones with each other and with the same sum done in awk, for any
# N and WORKERS (WORKERS > N too), with the serial one when WORKERS is 1,
# and run after run.

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

@test "pi agree: redis, files and pipe print the same pi, and serial's when WORKERS is 1" {
    local n w serial redis files pipe awk table="" bad=0
    for pair in "1 1" "1 3" "7 3" "7 10" "1000 1" "1000 7" "1000 23" \
        "999983 1" "999983 10" "999983 100"; do
        read -r n w <<<"$pair"
        serial=-
        [ "$w" -ne 1 ] || serial=$(pi_of 08-pi-serial "$n")
        redis=$(pi_of 09-pi-redis "$n" "$w")
        files=$(pi_of 10-pi-files "$n" "$w")
        pipe=$(pi_of 11-pi-pipe "$n" "$w")
        awk=yes
        by_awk "$n" "$w" "$pipe" || awk=no
        table+=$(printf '\n%7s %3s  %-19s %-19s %-19s %-19s %s' \
            "$n" "$w" "$serial" "$redis" "$files" "$pipe" "$awk")
        if [ "$redis" != "$files" ] || [ "$files" != "$pipe" ] || [ $awk = no ] ||
            { [ "$w" -eq 1 ] && [ "$serial" != "$pipe" ]; }; then
            table+="  <- differ"
            bad=1
        fi
    done
    [ "$bad" -eq 0 ] || fail "$(printf '      N   W  %-19s %-19s %-19s %-19s %s%s' \
        serial redis files pipe "awk agrees" "$table")"
}

@test "pi agree: the same pi run after run" {
    local first
    first=$(pi_of 09-pi-redis 999983 10)
    for _ in 1 2; do
        assert_equal "$(pi_of 09-pi-redis 999983 10)" "$first"
        assert_equal "$(pi_of 10-pi-files 999983 10)" "$first"
        assert_equal "$(pi_of 11-pi-pipe 999983 10)" "$first"
    done
}
