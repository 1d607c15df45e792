#!/usr/bin/env bats
# The pi programs of chapters 8 to 11 agree to the last bit: the three
# parallel ones with each other for any N and WORKERS (WORKERS > N too),
# and with the serial one when WORKERS is 1, run after run.

setup_file() {
    load redis
    redis_start
}

teardown_file() {
    load redis
    redis_stop
}

setup() {
    load helpers
}

# pi_of NN-slug ARGS...: the pi the chapter's program prints (its first
# line), after checking that it succeeded, printed two lines, nothing more.
pi_of() {
    run_chapter "$@"
    assert_success
    assert_no_stderr
    assert_equal "${#lines[@]}" 2
    echo "${lines[0]}"
}

@test "pi agree: redis, files and pipe print the same pi, and serial's when WORKERS is 1" {
    local n w serial redis files pipe table="" bad=0
    for pair in "1 1" "1 3" "7 1" "7 3" "7 10" "1000 1" "1000 7" "1000 100" \
        "999983 1" "999983 10" "999983 99"; do
        read -r n w <<<"$pair"
        serial=-
        [ "$w" -ne 1 ] || serial=$(pi_of 08-pi-serial "$n")
        redis=$(pi_of 09-pi-redis "$n" "$w")
        files=$(pi_of 10-pi-files "$n" "$w")
        pipe=$(pi_of 11-pi-pipe "$n" "$w")
        table+=$(printf '\n%7s %3s  %-19s %-19s %-19s %-19s' "$n" "$w" "$serial" "$redis" "$files" "$pipe")
        if [ "$redis" != "$files" ] || [ "$files" != "$pipe" ] ||
            { [ "$w" -eq 1 ] && [ "$serial" != "$pipe" ]; }; then
            table+="  <- differ"
            bad=1
        fi
    done
    [ "$bad" -eq 0 ] || fail "$(printf '      N   W  %-19s %-19s %-19s %-19s%s' \
        serial redis files pipe "$table")"
}

@test "pi agree: the same pi run after run" {
    local first
    first=$(pi_of 09-pi-redis 999983 10)
    for _ in 1 2 3; do
        assert_equal "$(pi_of 09-pi-redis 999983 10)" "$first"
        assert_equal "$(pi_of 10-pi-files 999983 10)" "$first"
        assert_equal "$(pi_of 11-pi-pipe 999983 10)" "$first"
    done
}
