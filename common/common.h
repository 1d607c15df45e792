/* common.h - what every chapter would otherwise repeat (never what it
 * teaches): a failed call reported, two ways to die, a checked close of
 * stdout; then what Part 2's pi programs share. Include it first: its first
 * line asks for the POSIX functions that strict -std=c17 hides. */
#ifndef COMMON_H
#define COMMON_H
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h> /* the pi programs' WIFEXITED and friends */
#include <time.h>     /* the pi programs' clock_gettime */
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h> /* the pi programs' PR_SET_PDEATHSIG */
#endif

/* "fork: Resource temporarily unavailable" on stderr, say. */
static inline void report(const char *call)
{
    fprintf(stderr, "%s: %s\n", call, strerror(errno));
}

/* Report a failed call and exit(1), which flushes stdio: for a parent. */
static inline _Noreturn void die(const char *call)
{
    report(call);
    exit(1);
}

/* The same for a child of fork(): _exit() flushes nothing it inherited. */
static inline _Noreturn void die_child(const char *call)
{
    report(call);
    _exit(1);
}

/* Close stdout at the end; if a write failed, say so and exit 1 (chapter 1).
 */
static inline void close_stdout(void)
{
    int failed_before = ferror(stdout);
    if (fclose(stdout) != 0)
        die("stdout");
    if (failed_before) {
        fprintf(stderr, "stdout: write error\n");
        exit(1);
    }
}

/* Part 2: the pi programs (chapters 8 to 11): pi^2/8 = 1/1^2 + 1/3^2 + ... */
#define DEFAULT_N 100000000LL /* the tutorial's 10^8 terms */
#define MAX_N 1000000000000LL /* 2k+1 exact in a double; N * 100 fits */
#define DEFAULT_WORKERS 10
#define MAX_WORKERS 100 /* far more than cores: each is a process */

/* The sum of 1/(2k+1)^2 for k from k_begin to k_end - 1, from 0.0 up. */
static inline double partial_sum(long long k_begin, long long k_end)
{
    double s = 0.0;
    for (long long k = k_begin; k < k_end; k++)
        s += 1.0 / (2 * k + 1) / (2 * k + 1);
    return s;
}

/* text as a number from 1 to max, digits only; 0 if it is anything else. */
static inline long long parse_count(const char *text, long long max)
{
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    int bad = text[0] < '0' || text[0] > '9' || *end != '\0' || errno != 0 ||
              value < 1 || value > max;
    return bad ? 0 : value;
}

/* Read "[N [WORKERS]]" ("[N]" if workers is NULL); else usage, exit 2. */
static inline void parse_args(int argc, char *argv[], long long *n,
                              int *workers)
{
    int arguments_allowed = workers == NULL ? 1 : 2;
    *n = argc > 1 ? parse_count(argv[1], MAX_N) : DEFAULT_N;
    if (workers != NULL)
        *workers = argc > 2 ? (int)parse_count(argv[2], MAX_WORKERS)
                            : DEFAULT_WORKERS;
    if (argc - 1 <= arguments_allowed && *n != 0 &&
        (workers == NULL || *workers != 0))
        return;
    fprintf(stderr,
            "Usage: %s [N%s]\n  N: terms, from 1 to %lld (default %lld)\n",
            argv[0], workers == NULL ? "" : " [WORKERS]", MAX_N, DEFAULT_N);
    if (workers != NULL)
        fprintf(stderr, "  WORKERS: processes, from 1 to %d (default %d)\n",
                MAX_WORKERS, DEFAULT_WORKERS);
    exit(2);
}

/* Seconds on a clock that never jumps (clock_gettime(2), CLOCK_MONOTONIC). */
static inline double seconds(void)
{
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC, &now) == -1)
        die("clock_gettime");
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Print x in the fewest digits that read back as the same double (chapter 8).
 */
static inline void print_shortest(double x)
{
    char text[32];
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, x);
        if (strtod(text, NULL) == x)
            break;
    }
    printf("%s\n", text);
}

/* A worker's first call: die when its parent does, whatever kills the parent
 * (Linux sends it SIGKILL then: prctl(2)), or now if the parent is gone. */
static inline void die_with_parent(pid_t parent)
{
#ifdef __linux__
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
        die_child("prctl");
#endif
    if (getppid() != parent)
        _exit(1);
}

/* Whether worker `slice` (pid) ended well; if not, say how on stderr. */
static inline int worker_succeeded(const char *program, int slice, pid_t pid,
                                   int status)
{
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 1;
    fprintf(stderr, "%s: worker %d (pid %ld) ", program, slice, (long)pid);
    if (WIFSIGNALED(status))
        fprintf(stderr, "was killed by signal %d (%s)\n", WTERMSIG(status),
                strsignal(WTERMSIG(status)));
    else
        fprintf(stderr, "exited with status %d\n", WEXITSTATUS(status));
    return 0;
}
#endif
