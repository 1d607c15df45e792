#!/usr/bin/env bats
# 19-process-cost: the medians of fork, vfork, a thread, fork+exec,
# posix_spawn and fork+write, for a parent that has touched 0 to 256 MiB.
# Times are never judged here (make test never fails on a time): the
# normalizer masks them and the machine line; what is checked is the shape
# of the table, and what the program does when a call fails. A run takes
# seconds of CPU (most of it the kernel's, copying page tables and pages):
# on a machine loaded many times over, minutes; hence the LIMITs.
# bats file_tags=slow

setup() {
    load helpers
}

@test "19-process-cost: the machine, then a row of six medians for each size of memory" {
    LIMIT=300 run_chapter 19-process-cost
    assert_no_stderr
    assert_success
    assert_transcript 19-process-cost
}

@test "19-process-cost: an argument is refused: the usage, exit 2" {
    run_chapter 19-process-cost 10
    assert_failure 2
    assert_output ""
    assert_stderr_equals "Usage: ./process-cost"
}

@test "19-process-cost: a parent that may not make a process names the failed fork and exits 1" {
    [ "$(id -u)" -eq 0 ] || skip "needs root, to run the program as an unprivileged user"
    # nobody may have one process more than it has: the program itself.
    local has
    has=$(ps -u nobody -o pid= | wc -l)
    RUN_UNDER="prlimit --nproc=$((has + 1)) setpriv --reuid=nobody --regid=nogroup --clear-groups" \
        run_chapter 19-process-cost
    assert_failure 1
    assert_stderr_equals "fork: Resource temporarily unavailable"
    assert_line --index 0 --regexp '^machine: [0-9]+ cores, '
    refute_line --regexp 'MiB:'
}

@test "19-process-cost: a parent that may not map 256 MiB names the failed mmap after the smaller rows, exits 1" {
    # 200 MiB of address space: the program, its libraries, a thread's
    # stack and 64 MiB fit; 256 MiB do not.
    ! grep -q 'fsanitize=address' "$TOP/chapters/.build-flags" ||
        skip "AddressSanitizer (make check's sanitize gate) reserves terabytes of address space: no RLIMIT_AS test under it"
    # shellcheck disable=SC2034 # run_chapter runs the program under it
    RUN_PREFIX=(prlimit --as=$((200 << 20)))
    LIMIT=300 run_chapter 19-process-cost
    assert_failure 1
    assert_stderr_equals "mmap: Cannot allocate memory"
    run bash -c 'grep -o "^ *[0-9]* MiB:" <<<"$1" | tr -d " "' _ "$output"
    assert_output "0MiB:
16MiB:
64MiB:"
}
