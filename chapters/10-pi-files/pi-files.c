// ANCHOR: includes
/*
 * pi-files - pi from WORKERS processes that hand their partial sums back
 * in files named after their pids.
 *
 * Mirrors "文件" (files) in the original tutorial. The files live in a
 * directory of this run's own, made by mkdtemp() under $TMPDIR (default
 * /tmp): not the current directory, and not a name another program could
 * guess. Worker i sums slice i of the N terms and writes the result to
 * DIR/<its pid> as text that reads back as the same double (%.17g). In
 * slice order, the parent reaps each worker and reads its file; it adds
 * the partial sums in that order. The defaults print 3.141592650405625, the
 * tutorial's own number.
 *
 * A worker that fails (exits non-zero or is killed) is reported with its
 * slice, pid and how it ended. The parent still waits for every other
 * worker, so none is left running or unreaped; it prints no pi and exits
 * 1. Every file and the directory are removed, after a failure too, and
 * after SIGINT (Ctrl-C), SIGTERM or SIGHUP, which stop the workers and
 * then end the program as they would have. A worker dies with its parent.
 *
 * Usage: ./pi-files [N [WORKERS]]
 * Libraries: -lm
 */
#include "common.h"

#include <math.h>

#define PATH_SIZE 4096
// ANCHOR_END: includes

// ANCHOR: stop
/* The signal that asked this run to stop, once one has come. */
static volatile sig_atomic_t stop_signal;

static void note_stop(int sig)
{
    stop_signal = sig;
}

/* On SIGINT, SIGTERM and SIGHUP, note the signal instead of dying with
   the directory still there; leave alone one inherited as ignored (nohup).
   No SA_RESTART: a waitpid() in progress fails with EINTR. Unblock them,
   should whatever started us have blocked them: a blocked signal waits. */
static void catch_stop_signals(void)
{
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction old, action = {.sa_handler = note_stop};
    sigset_t blocked;
    if (sigemptyset(&action.sa_mask) == -1 || sigemptyset(&blocked) == -1)
        die("sigemptyset");
    for (int i = 0; i < 3; i++) {
        if (sigaddset(&blocked, signals[i]) == -1)
            die("sigaddset");
        if (sigaction(signals[i], NULL, &old) == -1)
            die("sigaction");
        if (old.sa_handler != SIG_IGN &&
            sigaction(signals[i], &action, NULL) == -1)
            die("sigaction");
    }
    if (sigprocmask(SIG_UNBLOCK, &blocked, NULL) == -1)
        die("sigprocmask");
}
// ANCHOR_END: stop

// ANCHOR: read_sum
/* Read the partial sum a worker wrote to path into *sum: 0 if that went
   well, -1 (said on stderr) if the file is missing or holds anything but
   one line with a finite number, 0 or more: a partial sum. */
static int read_sum(const char *path, double *sum)
{
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        report(path);
        return -1;
    }
    char line[64], *end = line;
    int one_line =
        fgets(line, sizeof line, file) != NULL && fgetc(file) == EOF;
    int read_failed = ferror(file); /* not the end of the file: an error */
    if (fclose(file) == EOF || read_failed) {
        report(path);
        return -1;
    }
    if (one_line)
        *sum = strtod(line, &end);
    if (end == line || strcmp(end, "\n") != 0 || !isfinite(*sum) ||
        *sum < 0) {
        fprintf(stderr, "pi-files: %s holds no partial sum\n", path);
        return -1;
    }
    return 0;
}
// ANCHOR_END: read_sum

// ANCHOR: directory
int main(int argc, char *argv[])
{
    long long n;
    int workers;
    parse_args(argc, argv, &n, &workers);
    catch_stop_signals();
    /* SIGCHLD inherited as ignored would have the kernel reap the workers
       itself, and waitpid() fail: the default, whatever we were given. */
    if (signal(SIGCHLD, SIG_DFL) == SIG_ERR)
        die("signal");

    double start = seconds();
    /* mkdtemp() replaces the XXXXXX with characters nobody can predict
       and makes the directory, readable by this user only, or fails. */
    const char *tmpdir = getenv("TMPDIR");
    if (tmpdir == NULL || tmpdir[0] == '\0')
        tmpdir = "/tmp";
    char dir[PATH_SIZE];
    int length = snprintf(dir, sizeof dir, "%s/pi-files.XXXXXX", tmpdir);
    if (length < 0 || length >= (int)sizeof dir) {
        fprintf(stderr, "pi-files: TMPDIR is too long\n");
        return 1;
    }
    if (mkdtemp(dir) == NULL)
        die("mkdtemp");
    // ANCHOR_END: directory

    // ANCHOR: workers
    pid_t pids[MAX_WORKERS];
    char path[PATH_SIZE + 32]; /* dir, a slash and a pid */
    pid_t parent = getpid();
    int made = 0;
    for (int i = 0; i < workers && !stop_signal; i++) {
        pid_t pid = fork();
        if (pid == -1) {
            report("fork");
            break;
        }
        if (pid == 0) {
            die_with_parent(parent); /* no orphan works on alone */
            double s = partial_sum(n * i / workers, n * (i + 1) / workers);
            snprintf(path, sizeof path, "%s/%ld", dir, (long)getpid());
            FILE *file = fopen(path, "w");
            if (file == NULL || fprintf(file, "%.17g\n", s) < 0 ||
                fclose(file) == EOF)
                die_child(path);
            _exit(0);
        }
        pids[i] = pid;
        made++;
    }
    // ANCHOR_END: workers

    // ANCHOR: collect
    /* In slice order: wait for the worker, then read its file, which is
       complete once the worker has ended. Remove every file, also after a
       failure, when some may be missing or half written. */
    double sums[MAX_WORKERS];
    int failed = made < workers;
    for (int i = 0; i < made; i++) {
        int status;
        for (;;) {
            /* Asked to stop (waitpid() then fails with EINTR): no sum is
               worth waiting for. Kill the workers not reaped yet (a reaped
               one's pid may be another process's by now), then reap them
               like the others. */
            for (int j = i; stop_signal && j < made; j++)
                if (kill(pids[j], SIGKILL) == -1)
                    die("kill");
            if (waitpid(pids[i], &status, 0) != -1)
                break;
            if (errno != EINTR)
                die("waitpid");
        }
        if (stop_signal || !worker_succeeded("pi-files", i, pids[i], status))
            failed = 1;
        snprintf(path, sizeof path, "%s/%ld", dir, (long)pids[i]);
        if (!failed && read_sum(path, &sums[i]) == -1)
            failed = 1;
        if (unlink(path) == -1 && errno != ENOENT) {
            report(path);
            failed = 1;
        }
    }
    if (rmdir(dir) == -1) {
        report(dir);
        failed = 1;
    }
    if (stop_signal) {
        /* End the way the signal would have ended us, so that the shell
           sees it: exit status 128 + its number, 130 for Ctrl-C. */
        if (signal(stop_signal, SIG_DFL) == SIG_ERR ||
            raise(stop_signal) != 0)
            die("raise");
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
