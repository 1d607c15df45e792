// ANCHOR: includes
/*
 * process-cost - what it costs to make a child process (or a thread) and
 * wait for it, and how that grows with the memory of the parent.
 *
 * For each size of memory the parent has touched (0 to 256 MiB), it times
 * many rounds of each way to start and end one child, and prints the
 * median of each, in microseconds:
 *   fork        fork(), the child _exit()s at once, waitpid()
 *   vfork       the same with vfork(): the child borrows the parent's memory
 *   thread      pthread_create() of a thread that returns, pthread_join()
 *   fork+exec   fork(), the child runs /bin/true with execv(), waitpid()
 *   spawn       posix_spawn() of /bin/true, waitpid()
 *   fork+write  fork(), the child writes one byte in every page of the
 *               parent's memory (copy-on-write) and _exit()s, waitpid()
 * The first line says which machine it ran on, and when. A child that does
 * not end with status 0 is reported, and the program exits 1.
 *
 * Usage: ./process-cost
 * Libraries: -lpthread
 */
#define _DEFAULT_SOURCE /* vfork() and MAP_ANONYMOUS, beyond POSIX 2008 */
#include "common.h"

#include <pthread.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/utsname.h>

extern char **environ; /* what posix_spawn() hands the new program */

#define MAX_ROUNDS 51
static char *memory; /* what the parent has touched: memory_size bytes */
static size_t memory_size;
// ANCHOR_END: includes

// ANCHOR: machine
/* "machine: 2 cores, <CPU model>, Linux <release>, <date>": where and
   when the figures were measured. */
static void print_machine(void)
{
    char model[256] = "unknown CPU";
    FILE *cpuinfo = fopen("/proc/cpuinfo", "r");
    if (cpuinfo != NULL) {
        char line[512];
        while (fgets(line, sizeof line, cpuinfo) != NULL) {
            char *colon = strchr(line, ':');
            if (strncmp(line, "model name", 10) == 0 && colon != NULL) {
                snprintf(model, sizeof model, "%s", colon + 2);
                model[strcspn(model, "\n")] = '\0';
                break;
            }
        }
        fclose(cpuinfo);
    }
    struct utsname system;
    if (uname(&system) == -1)
        die("uname");
    time_t now = time(NULL);
    struct tm today;
    char date[16];
    if (now == (time_t)-1 || gmtime_r(&now, &today) == NULL)
        die("time");
    strftime(date, sizeof date, "%Y-%m-%d", &today);
    printf("machine: %ld cores, %s, %s %s, %s\n",
           sysconf(_SC_NPROCESSORS_ONLN), model, system.sysname,
           system.release, date);
}
// ANCHOR_END: machine

// ANCHOR: reap
/* Wait for the child; if it did not exit with 0, say how, and exit 1. */
static void reap(pid_t pid, const char *how)
{
    int status;
    if (waitpid(pid, &status, 0) == -1)
        die("waitpid");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return;
    if (WIFSIGNALED(status))
        fprintf(stderr, "process-cost: %s child killed by signal %d\n", how,
                WTERMSIG(status));
    else
        fprintf(stderr, "process-cost: %s child exited with %d\n", how,
                WEXITSTATUS(status));
    exit(1);
}
// ANCHOR_END: reap

// ANCHOR: rounds
/* One round of each way, returning the seconds it took. */
static double with_fork(void)
{
    double start = seconds();
    pid_t pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0)
        _exit(0);
    reap(pid, "fork");
    return seconds() - start;
}

static double with_vfork(void)
{
    double start = seconds();
    pid_t pid = vfork(); /* the parent waits until the child _exit()s */
    if (pid == -1)
        die("vfork");
    if (pid == 0)
        _exit(0); /* all a vfork() child may do: _exit() or exec */
    reap(pid, "vfork");
    return seconds() - start;
}

static void *nothing(void *argument)
{
    return argument;
}

static double with_thread(void)
{
    double start = seconds();
    pthread_t id;
    int error = pthread_create(&id, NULL, nothing, NULL);
    if (error == 0)
        error = pthread_join(id, NULL);
    if (error != 0) {
        errno = error;
        die("pthread_create or pthread_join");
    }
    return seconds() - start;
}

static char *true_argv[] = {"true", NULL}; /* /bin/true: does nothing */

static double with_fork_exec(void)
{
    double start = seconds();
    pid_t pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        execv("/bin/true", true_argv);
        die_child("execv"); /* only if execv() failed */
    }
    reap(pid, "fork+exec");
    return seconds() - start;
}

static double with_spawn(void)
{
    double start = seconds();
    pid_t pid;
    int error =
        posix_spawn(&pid, "/bin/true", NULL, NULL, true_argv, environ);
    if (error != 0) {
        errno = error; /* returned, like the pthread functions' */
        die("posix_spawn");
    }
    reap(pid, "spawn");
    return seconds() - start;
}

static double with_fork_write(void)
{
    double start = seconds();
    pid_t pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        /* Each first write to a page shared with the parent copies it. */
        long page = sysconf(_SC_PAGESIZE);
        for (size_t at = 0; at < memory_size; at += (size_t)page)
            memory[at] = 2;
        _exit(0);
    }
    reap(pid, "fork+write");
    return seconds() - start;
}
// ANCHOR_END: rounds

// ANCHOR: median
static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of `rounds` rounds of one way, in microseconds: unlike the
   mean, it does not move when a few rounds wait for a busy CPU. */
static double median_us(double (*round)(void), int rounds)
{
    double times[MAX_ROUNDS] = {0};
    for (int i = 0; i < rounds; i++)
        times[i] = round();
    qsort(times, (size_t)rounds, sizeof times[0], by_value);
    return times[rounds / 2] * 1e6;
}
// ANCHOR_END: median

// ANCHOR: main
int main(int argc, char *argv[])
{
    if (argc != 1) {
        fprintf(stderr, "Usage: %s\n", argv[0]);
        exit(2);
    }
    /* SIGCHLD inherited as ignored would have the kernel reap the
       children itself, and waitpid() fail: the default, whatever we got. */
    if (signal(SIGCHLD, SIG_DFL) == SIG_ERR)
        die("signal");

    print_machine();
    printf(
        "microseconds to make one child or thread and wait for it (median\n"
        "of 51 rounds; 21 for exec and spawn, 3 for write), the parent\n"
        "having touched MiB of memory first:\n");
    printf("  memory      fork     vfork    thread fork+exec     spawn "
           "fork+write\n");
    if (fflush(stdout) == EOF) /* output that cannot be written: stop now */
        die("stdout");
    static const int mib[] = {0, 16, 64, 256};
    for (size_t m = 0; m < sizeof mib / sizeof mib[0]; m++) {
        memory_size = (size_t)mib[m] << 20;
        memory = NULL;
        if (memory_size > 0) {
            memory = mmap(NULL, memory_size, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (memory == MAP_FAILED)
                die("mmap");
            memset(memory, 1, memory_size); /* touch every page */
        }
        /* One statement each: the order of a call's arguments is not. */
        double fork_us = median_us(with_fork, 51);
        double vfork_us = median_us(with_vfork, 51);
        double thread_us = median_us(with_thread, 51);
        double exec_us = median_us(with_fork_exec, 21);
        double spawn_us = median_us(with_spawn, 21);
        double write_us = median_us(with_fork_write, 3);
        printf("%4d MiB: %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f\n", mib[m],
               fork_us, vfork_us, thread_us, exec_us, spawn_us, write_us);
        if (fflush(stdout) == EOF) /* a line at a time, for whoever watches */
            die("stdout");
        if (memory != NULL && munmap(memory, memory_size) == -1)
            die("munmap");
    }
    close_stdout();
    return 0;
}
// ANCHOR_END: main
