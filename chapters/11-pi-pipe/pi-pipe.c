// ANCHOR: includes
/*
 * pi-pipe - pi from WORKERS processes that send their partial sums back
 * through pipes.
 *
 * Mirrors "管道pipe" (pipes) in the original tutorial. Worker i sums slice
 * i of the N terms and writes the result, the 8 raw bytes of a double,
 * into a pipe of its own. The parent reads each pipe until end of file, in
 * slice order, reaps that worker, and adds the partial sums in slice order.
 * The defaults print 3.141592650405625, the tutorial's own number.
 *
 * A worker that fails (exits non-zero or is killed) is reported with its
 * slice, pid and how it ended. The parent still reads from and waits for
 * every other worker, so none is left running or unreaped; then it exits
 * 1 without printing pi.
 *
 * Usage: ./pi-pipe [N [WORKERS]]
 * Libraries: -lm
 */
#include "common.h"

#include <math.h>
// ANCHOR_END: includes

// ANCHOR: read_until_eof
/* Read from fd until end of file, or until size bytes have come; return
   how many came, or -1 on an error. One read() may return fewer bytes
   than asked for (a short read): only a return of 0 means end of file. */
static ssize_t read_until_eof(int fd, char *buffer, size_t size)
{
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buffer + got, size - got);
        if (n == -1)
            return -1;
        if (n == 0)
            break; /* end of file: every write end is closed */
        got += (size_t)n;
    }
    return (ssize_t)got;
}
// ANCHOR_END: read_until_eof

// ANCHOR: workers
int main(int argc, char *argv[])
{
    long long n;
    int workers;
    parse_args(argc, argv, &n, &workers);
    /* SIGCHLD inherited as ignored would have the kernel reap the workers
       itself, and waitpid() fail: the default, whatever we were given. */
    if (signal(SIGCHLD, SIG_DFL) == SIG_ERR)
        die("signal");

    double start = seconds();
    pid_t pids[MAX_WORKERS];
    int readers[MAX_WORKERS]; /* the read end of each worker's pipe */
    pid_t parent = getpid();
    int made = 0, failed = 0;
    for (int i = 0; i < workers; i++) {
        int fds[2]; /* fds[0] is the read end, fds[1] the write end */
        if (pipe(fds) == -1) {
            report("pipe");
            break;
        }
        pid_t pid = fork();
        if (pid == -1) {
            report("fork");
            close(fds[0]);
            close(fds[1]);
            break;
        }
        if (pid == 0) {
            die_with_parent(parent); /* no orphan works on alone */
            /* Keep only this pipe's write end: not its read end, nor the
               read ends of the earlier workers' pipes, inherited too. */
            for (int j = 0; j < i; j++)
                if (close(readers[j]) == -1)
                    die_child("close");
            if (close(fds[0]) == -1)
                die_child("close");
            double s = partial_sum(n * i / workers, n * (i + 1) / workers);
            if (write(fds[1], &s, sizeof s) != (ssize_t)sizeof s)
                die_child("write");
            _exit(0);
        }
        pids[i] = pid;
        readers[i] = fds[0];
        made++;
        /* The parent only reads. Close its write end now: while any
           process holds a write end open, read() never sees end of file,
           and a worker forked later would inherit this one too. */
        if (close(fds[1]) == -1) {
            report("close");
            failed = 1;
            break; /* no more workers, but collect those made */
        }
    }
    // ANCHOR_END: workers

    // ANCHOR: collect
    /* In slice order, whatever order the workers finish in. */
    /* A call that fails here is reported, and the loop goes on: every
       worker is still read from and reaped, and no pi is printed. */
    double sums[MAX_WORKERS];
    failed |= made < workers;
    for (int i = 0; i < made; i++) {
        char bytes[sizeof(double) + 1]; /* room for one byte too many */
        ssize_t got = read_until_eof(readers[i], bytes, sizeof bytes);
        if (got == -1) {
            report("read");
            failed = 1;
        }
        if (close(readers[i]) == -1) {
            report("close");
            failed = 1;
        }
        int status;
        pid_t reaped;
        do /* a signal's handler, if any, breaks off waitpid(): EINTR */
            reaped = waitpid(pids[i], &status, 0);
        while (reaped == -1 && errno == EINTR);
        if (reaped == -1) {
            report("waitpid");
            failed = 1;
        } else if (!worker_succeeded("pi-pipe", i, pids[i], status)) {
            failed = 1;
        } else if (got == sizeof(double)) {
            memcpy(&sums[i], bytes, sizeof(double));
        } else if (got != -1) {
            fprintf(stderr, "pi-pipe: worker %d sent %zd bytes, not %zu\n", i,
                    got, sizeof(double));
            failed = 1;
        }
    }
    if (failed)
        return 1;
    // ANCHOR_END: collect

    // ANCHOR: sum
    double total = 0.0;
    for (int i = 0; i < workers; i++)
        total += sums[i];
    double pi = sqrt(8 * total);
    double elapsed = seconds() - start;

    print_shortest(pi);
    printf("time: %.3f\n", elapsed);
    close_stdout(); /* a failed write of the result must not exit 0 */
    return 0;
}
// ANCHOR_END: sum
