#!/usr/bin/env bats
# tests/normalize: equal for runs a reader would call the same, different
# for runs a reader would notice.

setup() {
    load helpers
}

norm() { # norm OPTIONS... -- LINES...: normalize the lines, set $output
    local opts=()
    while [ "$1" != -- ]; do opts+=("$1"); shift; done
    shift
    run --separate-stderr "$TOP/tests/normalize" "${opts[@]}" < <(printf '%s\n' "$@")
    assert_success
}

@test "normalize: pids and times are masked, nothing else" {
    norm -- 'in parent process (pid 4242), child pid 4243' 'ret = (4243, 15)' 'time: 0.831' 'time: soon' 'k = 100000000'
    assert_output "$(printf '%s\n' 'in parent process (pid <pid>), child pid <pid>' 'ret = (<pid>, 15)' 'time: <seconds>' 'time: soon' 'k = 100000000')"
}

@test "normalize: chapter 19's machine and rows of times are masked, not how many times a row has" {
    norm -- 'machine: 2 cores, Intel(R) Xeon(R) Processor, Linux 6.1.0' '  memory      fork     vfork' '  16 MiB:     569.1      13.4' ' 256 MiB:   22582.5      20.1' '16 MiB: 569.1 fast'
    assert_output "$(printf '%s\n' 'machine: <machine>' '  memory      fork     vfork' '16 MiB: <us> <us>' '256 MiB: <us> <us>' '16 MiB: 569.1 fast')"
    norm -- '  16 MiB:     569.1' '  16 MiB:     569.1      13.4      11.0'
    assert_output "$(printf '%s\n' '16 MiB: <us>' '16 MiB: <us> <us> <us>')"
}

@test "normalize: ps rows keep state and command, lose pids, spacing and directory" {
    norm -- '    PID    PPID S COMMAND' ' 2832  2827 S ./zombie' '12837  2832 Z [zombie] <defunct>'
    assert_output "$(printf '%s\n' 'PID PPID S COMMAND' '<pid> <pid> S zombie' '<pid> <pid> Z [zombie] <defunct>')"
}

@test "normalize: -c keeps each process's order, forgets the interleaving" {
    norm -c '^child' -- 'child 1' 'parent 1' 'child 2' 'parent 2'
    first=$output
    norm -c '^child' -- 'parent 1' 'parent 2' 'child 1' 'child 2'
    assert_equal "$output" "$first"
    norm -c '^child' -- 'parent 1' 'parent 2' 'child 2' 'child 1'
    refute [ "$output" = "$first" ]
}

@test "normalize: -C sorts many processes' lines, but counts them all" {
    norm -C '^in child' -- 'in child 2' 'p' 'in child 1'
    assert_output "$(printf '%s\n' 'p' 'children| in child 1' 'children| in child 2')"
    norm -C '^in child' -- 'in child 2' 'p' 'in child 1' 'in child 1'
    assert_output --partial 'children| in child 1
children| in child 1'
}

@test "normalize: -r accepts a run within the range, shows one outside it" {
    norm -r 4-6 -- x x x x
    assert_output 'x [repeated 4-6 times]'
    norm -r 4-6 -- x x x x x x
    assert_output 'x [repeated 4-6 times]'
    norm -r 4-6 -- x x x x x x x x x x
    assert_output 'x [repeated 10 times]'
    norm -r 4-6 -- x
    assert_output 'x'
    norm -- x x x x x
    assert_output "$(printf 'x\nx\nx\nx\nx')"
}
