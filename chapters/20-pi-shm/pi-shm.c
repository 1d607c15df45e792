// ANCHOR: includes
/*
 * pi-shm - pi from WORKERS processes that write their partial sums into
 * memory they share with their parent.
 *
 * Before the first fork(), the parent maps one array of WORKERS doubles
 * with mmap(MAP_SHARED | MAP_ANONYMOUS): memory that fork() does not copy,
 * so parent and workers see the same bytes. Worker i sums slice i of the N
 * terms and stores the result in element i; no channel, no copy. The
 * parent reaps each worker, in slice order, and only then reads its
 * element; it adds the partial sums in slice order. The defaults print
 * 3.141592650405625, the tutorial's own number.
 *
 * A worker that fails (exits non-zero or is killed) is reported with its
 * slice, pid and how it ended, and its element is never read, whatever it
 * holds. The parent still waits for every other worker, so none is left
 * running or unreaped; then it exits 1 without printing pi. The mapping
 * goes with the last process that has it: nothing to clean up. A worker
 * dies with its parent.
 *
 * Usage: ./pi-shm [N [WORKERS]]
 * Libraries: -lm
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, which strict POSIX 2008 lacks */
#include "common.h"

#include <math.h>
#include <sys/mman.h>
// ANCHOR_END: includes

// ANCHOR: map
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
    /* One double per worker, zero-filled, shared with every child forked
       from now on: not copied on write, as the rest of memory is. */
    size_t size = (size_t)workers * sizeof(double);
    double *sums = mmap(NULL, size, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sums == MAP_FAILED)
        die("mmap");
    // ANCHOR_END: map

    // ANCHOR: workers
    pid_t pids[MAX_WORKERS];
    pid_t parent = getpid();
    int made = 0;
    for (int i = 0; i < workers; i++) {
        pid_t pid = fork();
        if (pid == -1) {
            report("fork");
            break;
        }
        if (pid == 0) {
            die_with_parent(parent); /* no orphan works on alone */
            /* Sum into a local variable, then store once: element i holds
               0.0 or the whole partial sum, never a sum half done. */
            double s = partial_sum(n * i / workers, n * (i + 1) / workers);
            sums[i] = s;
            _exit(0);
        }
        pids[i] = pid;
        made++;
    }
    // ANCHOR_END: workers

    // ANCHOR: collect
    /* In slice order, whatever order the workers finish in. A worker's
       element is read only after waitpid() has seen it exit with 0. */
    int failed = made < workers;
    for (int i = 0; i < made; i++) {
        int status;
        pid_t reaped;
        do /* a signal's handler, if any, breaks off waitpid(): EINTR */
            reaped = waitpid(pids[i], &status, 0);
        while (reaped == -1 && errno == EINTR);
        if (reaped == -1) { /* reported, and the others still reaped */
            report("waitpid");
            failed = 1;
        } else if (!worker_succeeded("pi-shm", i, pids[i], status)) {
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
    if (munmap(sums, size) == -1)
        die("munmap");
    double pi = sqrt(8 * total);
    double elapsed = seconds() - start;

    print_shortest(pi);
    printf("time: %.3f\n", elapsed);
    close_stdout(); /* a failed write of the result must not exit 0 */
    return 0;
}
// ANCHOR_END: sum
