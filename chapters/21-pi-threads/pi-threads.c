// ANCHOR: includes
/*
 * pi-threads - pi from THREADS threads of one process, for contrast with
 * the worker processes of chapters 9 to 11 and 20.
 *
 * Thread i sums slice i of the N terms and stores the result in its own
 * struct slice, in memory every thread shares because there is only one
 * process: no fork(), no channel, no copy. The main thread joins each
 * thread, in slice order, and adds the partial sums in that order. The
 * defaults print 3.141592650405625, the same digits as the processes.
 *
 * A thread that cannot be created is reported (the pthread functions
 * return an error number instead of setting errno); the threads already
 * running are joined, and no pi is printed: exit 1. A thread cannot fail
 * alone: a signal that kills one (a crash, kill) ends the whole process,
 * every thread with it, and nobody is left to report it.
 *
 * Usage: ./pi-threads [N [THREADS]]
 * Libraries: -lm -lpthread
 */
#include "common.h"

#include <math.h>
#include <pthread.h>
// ANCHOR_END: includes

// ANCHOR: arguments
/* Read "[N [THREADS]]", the same checks as parse_args() for processes
   (common.h); else usage, exit 2. */
static void parse_thread_args(int argc, char *argv[], long long *n,
                              int *threads)
{
    *n = argc > 1 ? parse_count(argv[1], MAX_N) : DEFAULT_N;
    *threads =
        argc > 2 ? (int)parse_count(argv[2], MAX_WORKERS) : DEFAULT_WORKERS;
    if (argc <= 3 && *n != 0 && *threads != 0)
        return;
    fprintf(stderr,
            "Usage: %s [N [THREADS]]\n"
            "  N: terms, from 1 to %lld (default %lld)\n"
            "  THREADS: threads, from 1 to %d (default %d)\n",
            argv[0], MAX_N, DEFAULT_N, MAX_WORKERS, DEFAULT_WORKERS);
    exit(2);
}
// ANCHOR_END: arguments

// ANCHOR: slice
/* What one thread is given and what it hands back, in one place. */
struct slice {
    long long begin, end; /* the terms k from begin to end - 1 */
    double sum;           /* the thread's result */
};

/* The function every thread runs: its argument is its struct slice. */
static void *sum_slice(void *argument)
{
    struct slice *slice = argument;
    slice->sum = partial_sum(slice->begin, slice->end);
    return NULL;
}
// ANCHOR_END: slice

// ANCHOR: threads
int main(int argc, char *argv[])
{
    long long n;
    int threads;
    parse_thread_args(argc, argv, &n, &threads);

    double start = seconds();
    pthread_t ids[MAX_WORKERS];
    struct slice slices[MAX_WORKERS];
    int made = 0;
    for (int i = 0; i < threads; i++) {
        slices[i].begin = n * i / threads;
        slices[i].end = n * (i + 1) / threads;
        slices[i].sum = 0.0;
        int error = pthread_create(&ids[i], NULL, sum_slice, &slices[i]);
        if (error != 0) {
            errno = error; /* for report(): pthread_create() leaves errno */
            report("pthread_create");
            break;
        }
        made++;
    }
    // ANCHOR_END: threads

    // ANCHOR: join
    /* In slice order, whatever order the threads finish in. Once
       pthread_join() has returned, what the thread stored is visible. */
    for (int i = 0; i < made; i++) {
        int error = pthread_join(ids[i], NULL);
        if (error != 0) {
            errno = error;
            die("pthread_join");
        }
    }
    if (made < threads)
        return 1;
    // ANCHOR_END: join

    // ANCHOR: sum
    double total = 0.0;
    for (int i = 0; i < threads; i++)
        total += slices[i].sum;
    double pi = sqrt(8 * total);
    double elapsed = seconds() - start;

    print_shortest(pi);
    printf("time: %.3f\n", elapsed);
    close_stdout(); /* a failed write of the result must not exit 0 */
    return 0;
}
// ANCHOR_END: sum
