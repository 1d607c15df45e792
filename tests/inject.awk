# tests/inject.awk - the cases of tests/inject, from a reference run traced
# with `strace -f -k -o LOG` (a stack after each call). Prints one case a
# line, "ROLE CALL N": fail the Nth CALL, counted in each process from its
# start (as strace's when= counts them: per call, per process; a forked
# child starts from 1), in the parent alone (ROLE parent) or in every
# process (ROLE every: the workers' Nth, and the parent's Nth if it has one).
# Only the program's own calls count: those with a frame of the program
# (-v program=PATH) in their stack. Left out, and why:
#   - calls with no such frame: the dynamic loader's, before main() runs;
#   - mmap, munmap, mremap, brk, mprotect, madvise: memory for malloc() and
#     stdio's buffers, glibc's own business;
#   - a write to fd 2: the error message's own write, whose failure nothing
#     can report;
#   - getpid, getppid, gettid, exit, exit_group, rt_sigreturn: calls that
#     cannot fail, or do not return; rt_sigprocmask, which fails only for
#     a bad argument (EINVAL, EFAULT), none of which a program here passes;
#   - set_robust_list, rseq: glibc's own set-up in a child of fork(), whose
#     failure glibc ignores by design;
#   - wait4 with WNOHANG: it never blocks, so it never fails with EINTR,
#     and its one error, ECHILD, is how a reaping loop ends (16-sigchld);
#   - futex: glibc's locks and pthread_join() wait with it; an error no
#     real futex gives (EIO) makes glibc abort, by design ("The futex
#     facility returned an unexpected error code");
#   - calls from inside malloc() (getrandom for its own use) or from stdio
#     choosing a buffer (_IO_file_doallocate: fstat, isatty's ioctl), whose
#     failures glibc works around by design.
BEGIN {
    split("mmap munmap mremap brk mprotect madvise getpid getppid gettid " \
          "exit exit_group rt_sigreturn rt_sigprocmask set_robust_list rseq futex", names, " ")
    for (i in names)
        skipped[names[i]] = 1
}
# A call starts: "PID  name(args..." (maybe "<unfinished ...>").
/^[0-9]+ +[a-z_0-9]+\(/ {
    pid = $1
    if (first == "")
        first = pid
    name = $2
    sub(/\(.*/, "", name)
    number = ++count[pid, name]
    last = pid SUBSEP name SUBSEP number
    if ($0 ~ /<unfinished \.\.\.>$/)
        pending[pid] = last
    fd2 = ($0 ~ /^[0-9]+ +(write|writev)\(2,/)
    role[last] = pid == first ? "parent" : "every"
    if (fd2 || name in skipped || $0 ~ /^[0-9]+ +wait4\(.*WNOHANG/)
        role[last] = ""
    unfinished_fd2[pid] = fd2
    next
}
# A call resumes: its stack follows.
/^[0-9]+ +<\.\.\. [a-z_0-9]+ resumed>/ {
    last = pending[$1]
    next
}
# A stack frame of the last call that ended.
/^ > / {
    if ($0 ~ /\((malloc|_IO_file_doallocate)\+/)
        role[last] = ""
    if (index($0, program "(") > 0 && role[last] != "") {
        split(last, part, SUBSEP)
        print role[last], part[2], part[3]
        role[last] = "" # once
    }
}
