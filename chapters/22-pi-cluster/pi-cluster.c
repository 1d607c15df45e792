// ANCHOR: includes
/*
 * pi-cluster - pi from workers on any number of machines, handed their
 * tasks by a Redis server; a worker that dies mid-task has its slice done
 * again.
 *
 * Goes past the tutorial's Redis program (chapter 9). The coordinator
 * makes a run on the server: a key with 128 random bits in its name, and
 * under it a queue of SLICES tasks ("i": slice i of the N terms) and a list
 * of sums, whose head "N SLICES" says what the run computes. It forks K
 * local workers (default: the processors online) and waits. A worker, local
 * or started on another host with --worker, renews a lease (a key that
 * expires after LEASE_MS) and moves a task, in one atomic BLMOVE, from the
 * queue into an in-progress list of its own; it sums the slice, renewing
 * its lease as it goes, pushes "i sum" onto the sums and drops the task
 * from its list. The coordinator reads the sums (each slice's first; a
 * second, from a task done twice, must agree), moves the tasks of a worker
 * whose lease ran out back onto the queue, adds the sums in slice order
 * once each slice has one, and deletes every key of the run. The defaults
 * print 3.141592650405625, like chapters 9 to 11.
 *
 * The server is $REDIS_HOST (a unix socket path if it starts with "/";
 * default 127.0.0.1) and $REDIS_PORT (default 6379). Every command waits
 * REPLY_SECONDS at most. A failed command, or an entry that is not a sum
 * of this run, ends the run: no pi, exit 1. A --worker waits JOIN_SECONDS
 * for a run to join, then exits 1; it exits 0 once the run is over.
 * SIGINT, SIGTERM and SIGHUP end the coordinator (and its workers) with
 * nothing of the run left in Redis.
 *
 * Usage: ./pi-cluster [N [SLICES]] [--workers K] | ./pi-cluster --worker
 * Libraries: hiredis -lm
 * Needs: redis-server
 */
#include "common.h"

#include <hiredis.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/select.h>

#define KEY_SECONDS "86400" /* the run's keys' lifetime, unless deleted */
#define REPLY_SECONDS 5     /* the longest wait for a reply */
#define LEASE_MS 3000       /* a task's lease; renewed every LEASE_MS / 3 */
#define POLL_MS 100         /* the pause between two looks at the run */
#define JOIN_SECONDS 30     /* how long a --worker waits for a run */

/* The server, as messages name it: a socket path, or host:port. */
static char server[300];
static const char *host; /* as connect_redis() wants them */
static int port;
static int silent; /* a command had no reply in time: the server is stuck */
// ANCHOR_END: includes

// ANCHOR: stop
/* The signal that asked this process to stop, once one has come. */
static volatile sig_atomic_t stop_signal;

static void note_stop(int sig)
{
    stop_signal = sig;
}

/* Note SIGINT, SIGTERM and SIGHUP (leaving alone one inherited as
   ignored), and hold them back: they get in only where a process lets
   them in, with let_stop_signals_in(), never in the middle of a command.
   No SA_RESTART: pselect() returns at once when one comes. */
static void catch_stop_signals(void)
{
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction old, action = {.sa_handler = note_stop};
    sigset_t held;
    if (sigemptyset(&action.sa_mask) == -1 || sigemptyset(&held) == -1)
        die("sigemptyset");
    for (int i = 0; i < 3; i++) {
        if (sigaddset(&held, signals[i]) == -1)
            die("sigaddset");
        if (sigaction(signals[i], NULL, &old) == -1)
            die("sigaction");
        if (old.sa_handler != SIG_IGN &&
            sigaction(signals[i], &action, NULL) == -1)
            die("sigaction");
    }
    if (sigprocmask(SIG_BLOCK, &held, NULL) == -1)
        die("sigprocmask");
}

/* Wait ms milliseconds (0: not at all) with the stop signals let in: one
   that came meanwhile, or comes now, sets stop_signal. 0, or -1 if
   pselect() failed (said on stderr). */
static int let_stop_signals_in(int ms)
{
    struct timespec wait = {ms / 1000, ms % 1000 * 1000000L};
    sigset_t none;
    if (sigemptyset(&none) == -1 ||
        (pselect(0, NULL, NULL, NULL, &wait, &none) == -1 &&
         errno != EINTR)) {
        report("pselect");
        return -1;
    }
    return 0;
}

/* If a stop signal came, end the way it would have ended us, 128 + its
   number, as a shell expects; else return. */
static void end_like_stop_signal(void)
{
    if (stop_signal == 0)
        return;
    sigset_t none;
    if (signal(stop_signal, SIG_DFL) == SIG_ERR || raise(stop_signal) != 0 ||
        sigemptyset(&none) == -1 ||
        sigprocmask(SIG_SETMASK, &none, NULL) == -1)
        die("raise");
}
// ANCHOR_END: stop

// ANCHOR: connect
/* Connect to the server, giving up after half a second; then give every
   command on the connection a deadline. On failure say why, return NULL. */
static redisContext *connect_redis(void)
{
    struct timeval connecting = {0, 500000}, deadline = {REPLY_SECONDS, 0};
    redisContext *c;
    if (host[0] == '/')
        c = redisConnectUnixWithTimeout(host, connecting);
    else
        c = redisConnectWithTimeout(host, port, connecting);
    if (c != NULL && c->err == 0 && redisSetTimeout(c, deadline) == REDIS_OK)
        return c;

    fprintf(stderr, "pi-cluster: cannot connect to Redis at %s: %s\n", server,
            c != NULL ? c->errstr : "out of memory");
    if (c != NULL)
        redisFree(c);
    return NULL;
}

/* Send a command and wait for its reply: the reply, or NULL if there was
   none or the server refused the command; then say so, naming the
   command (the first word of format), the server, and why. */
static redisReply *command(redisContext *c, const char *format, ...)
{
    int failed_before = c->err != 0; /* then hiredis sends nothing */
    va_list args;
    va_start(args, format);
    redisReply *reply = redisvCommand(c, format, args);
    va_end(args);
    if (reply != NULL && reply->type != REDIS_REPLY_ERROR)
        return reply;

    const char *why = reply != NULL ? reply->str : c->errstr;
    char waited[32];
    if (failed_before) {
        why = "not sent: the connection had failed before";
    } else if (reply == NULL && c->err == REDIS_ERR_IO && errno == EAGAIN) {
        snprintf(waited, sizeof waited, "no reply within %d s",
                 REPLY_SECONDS);
        why = waited;
        silent = 1;
    }
    fprintf(stderr, "pi-cluster: %.*s to Redis at %s: %s\n",
            (int)strcspn(format, " "), format, server, why);
    if (reply != NULL)
        freeReplyObject(reply);
    return NULL;
}

/* Whether a command had its reply, for one whose reply we do not need. */
static int done(redisReply *reply)
{
    if (reply == NULL)
        return 0;
    freeReplyObject(reply);
    return 1;
}

/* One step of a SCAN of the keys that match pattern: the reply, whose
   element[1] holds some of them (or NULL, said on stderr). *cursor says
   where the next step starts: 0 after the last. */
static redisReply *scan(redisContext *c, unsigned long long *cursor,
                        const char *pattern)
{
    redisReply *reply =
        command(c, "SCAN %llu MATCH %s COUNT 1000", *cursor, pattern);
    if (reply != NULL)
        *cursor = strtoull(reply->element[0]->str, NULL, 10);
    return reply;
}

/* Write 2 * bytes random hexadecimal digits (bytes at most 16) into text:
   0, or -1 (said on stderr). */
static int random_hex(char text[], int bytes)
{
    unsigned char bits[16];
    FILE *urandom = fopen("/dev/urandom", "r");
    size_t got = urandom == NULL ? 0 : fread(bits, 1, (size_t)bytes, urandom);
    if (urandom == NULL || fclose(urandom) == EOF || got != (size_t)bytes) {
        report("/dev/urandom");
        return -1;
    }
    for (int i = 0; i < bytes; i++) /* two hexadecimal digits a byte */
        snprintf(text + 2 * i, 3, "%02x", bits[i]);
    return 0;
}
// ANCHOR_END: connect

// ANCHOR: parse
/* Read text, the whole of an entry of length len, as "number rest" with
   number from 0 to below; the number, or -1 if the text is not that.
   *rest is where the rest starts (NULL: there must be none). */
static long long parse_number(const char *text, size_t len, long long below,
                              const char **rest)
{
    char *end;
    long long number = strtoll(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || number >= below)
        return -1;
    if (rest == NULL)
        return end == text + len ? number : -1;
    *rest = end + 1;
    return *end == ' ' ? number : -1;
}

/* Read an entry "slice sum" into *slice and *sum: 0 if it holds exactly
   that, slice below slices and sum a partial sum (finite, 0 or more);
   -1 if anything else. */
static int parse_entry(const redisReply *entry, int slices, int *slice,
                       double *sum)
{
    const char *text;
    char *end;
    if (entry->type != REDIS_REPLY_STRING)
        return -1;
    long long number = parse_number(entry->str, entry->len, slices, &text);
    if (number == -1)
        return -1;
    *sum = strtod(text, &end);
    if (text[0] < '0' || text[0] > '9' || end != entry->str + entry->len ||
        !isfinite(*sum) || *sum < 0)
        return -1;
    *slice = (int)number;
    return 0;
}
// ANCHOR_END: parse

// ANCHOR: sum_slice
/* The partial sum of terms begin to end - 1, added in the order
   partial_sum() adds them (so it has the same bits). Every 2^16 terms, a
   fraction of a millisecond, it lets the stop signals in, and every
   LEASE_MS / 3 it renews the worker's lease. -1.0 if a stop signal came
   or a renewal failed. */
static double sum_slice(redisContext *c, const char *lease, long long begin,
                        long long end)
{
    double s = 0.0, renewed = seconds();
    for (long long k = begin; k < end; k++) {
        s += 1.0 / (2 * k + 1) / (2 * k + 1);
        if ((k & 0xffff) != 0xffff)
            continue;
        if (let_stop_signals_in(0) == -1 || stop_signal)
            return -1.0;
        if (seconds() - renewed >= LEASE_MS / 3000.0) {
            if (!done(command(c, "SET %s 1 PX %d", lease, LEASE_MS)))
                return -1.0;
            renewed = seconds();
        }
    }
    return s;
}
// ANCHOR_END: sum_slice

// ANCHOR: work
/* Work for the run (its keys' common part, "pi-cluster:RUN") as the worker
   named me until the run is over: 0; -1 if something failed or a stop
   signal came (said on stderr, but for the signal). */
static int work(const char *run, const char *me)
{
    char sums[100], tasks[100], doing[400], lease[400];
    snprintf(sums, sizeof sums, "%s:sums", run);
    snprintf(tasks, sizeof tasks, "%s:tasks", run);
    snprintf(doing, sizeof doing, "%s:doing:%s", run, me);
    snprintf(lease, sizeof lease, "%s:lease:%s", run, me);
    redisContext *c = connect_redis();
    if (c == NULL)
        return -1;

    /* What the run computes: the head of its sums, "N SLICES". */
    int result = -1, over = 0;
    long long n = 0, slices = 0;
    const char *rest;
    redisReply *head = command(c, "LINDEX %s 0", sums);
    if (head != NULL && head->type == REDIS_REPLY_NIL) {
        over = 1; /* done already: nothing to do, and nothing failed */
        result = 0;
    } else if (head != NULL) {
        if (head->type == REDIS_REPLY_STRING &&
            (n = parse_number(head->str, head->len, MAX_N + 1, &rest)) > 0) {
            size_t left = head->len - (size_t)(rest - head->str);
            slices = parse_number(rest, left, MAX_WORKERS + 1, NULL);
        }
        if (n < 1 || slices < 1)
            fprintf(stderr, "pi-cluster: %s: unexpected head\n", sums);
        else
            result = 0;
    }
    if (head != NULL)
        freeReplyObject(head);

    while (result == 0 && !over && !stop_signal) {
        /* The lease first, then the task: never a task without one. */
        redisReply *task;
        if (!done(command(c, "SET %s 1 PX %d", lease, LEASE_MS)) ||
            (task = command(c, "BLMOVE %s %s LEFT LEFT %.1f", tasks, doing,
                            POLL_MS / 1000.0)) == NULL) {
            result = -1;
            break;
        }
        if (task->type != REDIS_REPLY_STRING) { /* none now: is it over? */
            freeReplyObject(task);
            redisReply *exists = command(c, "EXISTS %s", sums);
            if (exists == NULL || let_stop_signals_in(0) == -1)
                result = -1;
            else
                over = exists->integer == 0;
            done(exists);
            continue;
        }
        long long slice = parse_number(task->str, task->len, slices, NULL);
        double sum = -1.0;
        if (!done(command(c, "EXPIRE %s %s", doing, KEY_SECONDS)))
            result = -1; /* (the list, made by BLMOVE, has no expiry) */
        else if (slice == -1)
            fprintf(stderr, "pi-cluster: %s: unexpected task '%s' dropped\n",
                    tasks, task->str);
        else if ((sum = sum_slice(c, lease, n * slice / slices,
                                  n * (slice + 1) / slices)) < 0)
            result = -1;
        /* The sum, onto the run's sums and no other (RPUSHX pushes only
           onto a list that exists); then the task off the worker's list. */
        char entry[64];
        snprintf(entry, sizeof entry, "%lld %.17g", slice, sum);
        redisReply *pushed = NULL;
        if (sum >= 0 &&
            (pushed = command(c, "RPUSHX %s %s", sums, entry)) == NULL)
            result = -1;
        if (pushed != NULL && pushed->integer == 0)
            over = 1;
        done(pushed);
        if (result == 0 &&
            !done(command(c, "LREM %s 1 %b", doing, task->str, task->len)))
            result = -1;
        freeReplyObject(task);
        if (let_stop_signals_in(0) == -1)
            result = -1;
    }

    /* Gone from the run: no lease (the coordinator will put back a task
       still in this worker's list); once the run is over, nothing. */
    if (!over && !done(command(c, "DEL %s", lease)))
        result = -1;
    if (over && !done(command(c, "DEL %s %s %s", lease, doing, tasks)))
        result = -1;
    redisFree(c);
    return result;
}
// ANCHOR_END: work

// ANCHOR: worker_name
/* The name of this worker: host:pid:8 random hex digits (two workers on
   one host, in containers, may share a hostname and a pid). */
static int name_worker(char me[], size_t size)
{
    char hostname[256] = "", bits[9];
    if (gethostname(hostname, sizeof hostname - 1) == -1) {
        report("gethostname");
        return -1;
    }
    if (random_hex(bits, 4) == -1)
        return -1;
    snprintf(me, size, "%s:%ld:%s", hostname, (long)getpid(), bits);
    return 0;
}

/* pi-cluster --worker: wait up to JOIN_SECONDS for a run on the server,
   work for it until it is over. Exit status 0, or 1. */
static int join(void)
{
    char me[300], run[100] = "";
    if (name_worker(me, sizeof me) == -1)
        return 1;
    redisContext *c = connect_redis();
    if (c == NULL)
        return 1;
    double start = seconds();
    while (run[0] == '\0' && !stop_signal) {
        unsigned long long cursor = 0;
        do { /* the keys "pi-cluster:RUN:sums": a run in progress */
            redisReply *found = scan(c, &cursor, "pi-cluster:*:sums");
            if (found == NULL) {
                redisFree(c);
                return 1;
            }
            if (found->element[1]->elements > 0)
                snprintf(run, sizeof run, "%.*s",
                         (int)found->element[1]->element[0]->len - 5,
                         found->element[1]->element[0]->str);
            freeReplyObject(found);
        } while (cursor != 0 && run[0] == '\0');
        if (run[0] == '\0' && seconds() - start > JOIN_SECONDS) {
            fprintf(stderr, "pi-cluster: no run at %s within %d s\n", server,
                    JOIN_SECONDS);
            redisFree(c);
            return 1;
        }
        if (run[0] == '\0' && let_stop_signals_in(POLL_MS) == -1)
            return 1;
    }
    redisFree(c);
    return run[0] != '\0' && work(run, me) == 0 ? 0 : 1;
}
// ANCHOR_END: worker_name

// ANCHOR: claim
/* Make the run's sums (head "n slices") and its queue of tasks "0" to
   "slices - 1", both expiring after KEY_SECONDS, if neither exists: 1 if
   made, 0 if a name is taken (left as it was), -1 if a command failed. */
static int claim_run(redisContext *c, const char *run, long long n,
                     int slices)
{
    /* After WATCH, EXEC runs nothing (and replies nil) if a key has been
       changed since. */
    if (!done(command(c, "WATCH %s:sums %s:tasks", run, run)))
        return -1;
    redisReply *reply = command(c, "EXISTS %s:sums %s:tasks", run, run);
    if (reply == NULL)
        return -1;
    int exists = reply->integer != 0;
    freeReplyObject(reply);
    if (exists)
        return 0;
    /* Queued by MULTI, run by EXEC: together, or not at all. */
    char head[48]; /* one argument: hiredis splits a format at spaces */
    snprintf(head, sizeof head, "%lld %d", n, slices);
    if (!done(command(c, "MULTI")) ||
        !done(command(c, "RPUSH %s:sums %s", run, head)) ||
        !done(command(c, "EXPIRE %s:sums %s", run, KEY_SECONDS)))
        return -1;
    for (int i = 0; i < slices; i++)
        if (!done(command(c, "RPUSH %s:tasks %d", run, i)))
            return -1;
    if (!done(command(c, "EXPIRE %s:tasks %s", run, KEY_SECONDS)))
        return -1;
    reply = command(c, "EXEC");
    if (reply == NULL)
        return -1;
    int made = reply->type == REDIS_REPLY_ARRAY;
    freeReplyObject(reply);
    return made;
}
// ANCHOR_END: claim

// ANCHOR: read_sums
/* Read the run's sums into sums[slice], each slice's first; a later one
   (its task done twice) must be the same. The number of slices that have
   a sum; -1 (said on stderr) if the run is gone or an entry is not a sum
   of this run. */
static int read_sums(redisContext *c, const char *run, int slices,
                     double sums[])
{
    redisReply *list = command(c, "LRANGE %s:sums 0 -1", run);
    if (list == NULL)
        return -1;
    int got = 0, seen[MAX_WORKERS] = {0};
    if (list->type != REDIS_REPLY_ARRAY || list->elements == 0) {
        fprintf(stderr, "pi-cluster: %s:sums is gone\n", run);
        got = -1;
    }
    for (size_t j = 1; got != -1 && j < list->elements; j++) {
        int slice;
        double sum;
        if (parse_entry(list->element[j], slices, &slice, &sum) == -1 ||
            (seen[slice] && sums[slice] != sum)) {
            fprintf(stderr, "pi-cluster: %s:sums: unexpected entry %zu\n",
                    run, j);
            got = -1;
        } else if (!seen[slice]) {
            sums[slice] = sum;
            seen[slice] = 1;
            got++;
        }
    }
    freeReplyObject(list);
    return got;
}
// ANCHOR_END: read_sums

// ANCHOR: requeue
/* Put back on the queue, to be taken next, the tasks of every worker
   whose lease has run out (dead, cut off, stopped): 0, or -1 (said). */
static int requeue_expired(redisContext *c, const char *run)
{
    char pattern[100];
    snprintf(pattern, sizeof pattern, "%s:doing:*", run);
    unsigned long long cursor = 0;
    do {
        redisReply *found = scan(c, &cursor, pattern);
        if (found == NULL)
            return -1;
        int result = 0;
        for (size_t j = 0; result == 0 && j < found->element[1]->elements;
             j++) {
            const char *doing = found->element[1]->element[j]->str;
            const char *me = doing + strlen(pattern) - 1;
            redisReply *alive = command(c, "EXISTS %s:lease:%s", run, me);
            if (alive == NULL) {
                result = -1;
                break;
            }
            int expired = alive->integer == 0;
            freeReplyObject(alive);
            while (expired) { /* LMOVE: off its list, onto the queue */
                redisReply *task =
                    command(c, "LMOVE %s %s:tasks LEFT LEFT", doing, run);
                if (task == NULL)
                    result = -1;
                else if (task->type == REDIS_REPLY_STRING)
                    fprintf(stderr,
                            "pi-cluster: worker %s's lease ran out: task %s "
                            "queued again\n",
                            me, task->str);
                expired = task != NULL && task->type == REDIS_REPLY_STRING;
                done(task);
            }
        }
        freeReplyObject(found);
        if (result == -1)
            return -1;
    } while (cursor != 0);
    return 0;
}

/* Delete every key of the run: 0, or -1 (said on stderr). */
static int delete_run(redisContext *c, const char *run)
{
    char pattern[100];
    snprintf(pattern, sizeof pattern, "%s:*", run);
    unsigned long long cursor = 0;
    do {
        redisReply *found = scan(c, &cursor, pattern);
        if (found == NULL)
            return -1;
        int result = 0;
        for (size_t j = 0; result == 0 && j < found->element[1]->elements;
             j++)
            if (!done(
                    command(c, "DEL %s", found->element[1]->element[j]->str)))
                result = -1;
        freeReplyObject(found);
        if (result == -1)
            return -1;
    } while (cursor != 0);
    return 0;
}
// ANCHOR_END: requeue

// ANCHOR: arguments
/* Read "--worker" (1 returned) or "[N [SLICES]] [--workers K]" (0
   returned); anything else: the usage on stderr, exit 2. */
static int parse_arguments(int argc, char *argv[], long long *n, int *slices,
                           int *workers)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    *n = DEFAULT_N;
    *slices = DEFAULT_WORKERS;
    *workers = online < 1             ? 1
               : online > MAX_WORKERS ? MAX_WORKERS
                                      : (int)online;
    if (argc == 2 && strcmp(argv[1], "--worker") == 0)
        return 1;
    int positional = 0, bad = 0;
    for (int i = 1; i < argc && !bad; i++) {
        if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
            i++;
            *workers = (int)parse_count(argv[i], MAX_WORKERS);
            bad = *workers == 0 && strcmp(argv[i], "0") != 0;
        } else if (positional == 0) {
            *n = parse_count(argv[i], MAX_N);
            bad = *n == 0;
            positional++;
        } else if (positional == 1) {
            *slices = (int)parse_count(argv[i], MAX_WORKERS);
            bad = *slices == 0;
            positional++;
        } else {
            bad = 1;
        }
    }
    if (!bad)
        return 0;
    fprintf(stderr,
            "Usage: %s [N [SLICES]] [--workers K]\n"
            "       %s --worker\n"
            "  N: terms, from 1 to %lld (default %lld)\n"
            "  SLICES: tasks, from 1 to %d (default %d)\n"
            "  K: local workers, from 0 to %d (default: the processors "
            "online)\n"
            "  --worker: join a run on the server, as a worker\n",
            argv[0], argv[0], MAX_N, DEFAULT_N, MAX_WORKERS, DEFAULT_WORKERS,
            MAX_WORKERS);
    exit(2);
}
// ANCHOR_END: arguments

// ANCHOR: coordinate
/* Delete what is left of the run over *c; over a new connection if *c is
   gone or broken (hiredis sends nothing more on it), and once more if it
   broke meanwhile. Not when the server has stopped answering: it would
   not answer a new connection either, and the run's keys expire within a
   day. 0, or -1 (said on stderr). */
static int delete_left(redisContext **c, const char *run)
{
    for (int attempt = 1; attempt <= 2; attempt++) {
        if ((*c == NULL || (*c)->err != 0) && !silent) {
            if (*c != NULL)
                redisFree(*c);
            *c = connect_redis();
        }
        if (*c == NULL || (*c)->err != 0)
            return -1;
        if (delete_run(*c, run) == 0)
            return 0;
        if ((*c)->err == 0)
            return -1; /* refused, on a sound connection: no use again */
    }
    return -1;
}

/* Reap the local workers that have ended (with how 0, wait for each),
   reporting any that failed unless quiet (the run killed them). -1 if one
   exited with a status other than 0: it has said why, something is wrong
   on this machine, and the run fails. One killed by a signal is the crash
   the queue is built for: its task comes back, for another worker. */
static int reap_workers(pid_t pids[], int made, int how, int quiet)
{
    int result = 0;
    for (int i = 0; i < made; i++) {
        if (pids[i] == 0)
            continue; /* reaped already */
        int status;
        pid_t ended;
        do /* EINTR: no handler of ours runs here (the stop signals come
              in only in pselect()), but a tracer can cause it */
            ended = waitpid(pids[i], &status, how);
        while (ended == -1 && errno == EINTR);
        if (ended == 0)
            continue; /* still at work (WNOHANG) */
        if (ended == -1) {
            report("waitpid");
            result = -1;
        } else if (!quiet &&
                   !worker_succeeded("pi-cluster", i, pids[i], status) &&
                   WIFEXITED(status)) {
            result = -1;
        }
        pids[i] = 0; /* reaped: its pid may soon be another's (or lost:
                        then it dies with us, die_with_parent()) */
    }
    return result;
}

/* The coordinator: a run of n terms in slices tasks, with workers local
   workers and any that join from elsewhere. Prints pi and the time: 0;
   or 1 (said on stderr, unless a stop signal came). */
static int coordinate(long long n, int slices, int workers)
{
    double start = seconds();
    /* The run's keys begin "pi-cluster:" and 128 random bits, in hex. */
    char run[48] = "pi-cluster:";
    if (random_hex(run + strlen(run), 16) == -1)
        return 1;
    redisContext *c = connect_redis();
    if (c == NULL) {
        fprintf(stderr,
                "pi-cluster: start one with: redis-server --port %d\n"
                "pi-cluster: or run make run-22-pi-cluster, which "
                "starts a private one\n",
                port);
        return 1;
    }
    int claimed = claim_run(c, run, n, slices);
    redisFree(c); /* no connection crosses a fork (chapter 9) */
    if (claimed == 0)
        fprintf(stderr, "pi-cluster: %s exists already: left alone\n", run);
    if (claimed != 1)
        return 1;
    // ANCHOR_END: coordinate

    // ANCHOR: workers
    pid_t pids[MAX_WORKERS]; /* 0 once reaped */
    pid_t parent = getpid();
    int made = 0, failed = 0;
    for (int i = 0; i < workers && !failed; i++) {
        pid_t pid = fork();
        if (pid == -1) {
            report("fork");
            failed = 1;
        } else if (pid == 0) {
            die_with_parent(parent); /* no orphan works on alone */
            char me[300];
            int ok = name_worker(me, sizeof me) == 0 && work(run, me) == 0;
            end_like_stop_signal(); /* stopped: killed by it, not failed */
            _exit(ok ? 0 : 1);
        } else {
            pids[made++] = pid;
        }
    }
    // ANCHOR_END: workers

    // ANCHOR: collect
    /* Until every slice has its sum: report the local workers that
       ended, read the sums, put back the tasks of the workers whose lease
       ran out, and wait POLL_MS, letting in the stop signals. */
    double sums[MAX_WORKERS];
    c = connect_redis(); /* after a failed fork too: to delete the run */
    int got = 0;
    failed |= c == NULL;
    while (!failed && got < slices) {
        if (reap_workers(pids, made, WNOHANG, 0) == -1 ||
            (got = read_sums(c, run, slices, sums)) == -1 ||
            (got < slices && (requeue_expired(c, run) == -1 ||
                              let_stop_signals_in(POLL_MS) == -1)) ||
            stop_signal)
            failed = 1;
    }

    /* Done: delete the run, which tells the workers it is over, and reap
       them as they leave. Failed or stopped: kill the local workers and
       reap them. Then delete whatever of the run is left. */
    if (!failed && delete_run(c, run) == -1)
        failed = 1;
    for (int i = 0; i < made; i++)
        if (failed && pids[i] != 0 && kill(pids[i], SIGKILL) == -1)
            die("kill");
    if (reap_workers(pids, made, 0, failed) == -1)
        failed = 1;
    if (delete_left(&c, run) == -1)
        failed = 1;
    if (c != NULL)
        redisFree(c);
    if (failed)
        return 1;
    // ANCHOR_END: collect

    // ANCHOR: sum
    double total = 0.0;
    for (int i = 0; i < slices; i++)
        total += sums[i];
    print_shortest(sqrt(8 * total));
    printf("time: %.3f\n", seconds() - start);
    return 0;
}
// ANCHOR_END: sum

// ANCHOR: main
int main(int argc, char *argv[])
{
    long long n;
    int slices, workers;
    int worker_only = parse_arguments(argc, argv, &n, &slices, &workers);
    host = getenv("REDIS_HOST");
    if (host == NULL || host[0] == '\0')
        host = "127.0.0.1";
    const char *port_text = getenv("REDIS_PORT");
    port = 6379;
    if (port_text != NULL && port_text[0] != '\0')
        port = (int)parse_count(port_text, 65535);
    if (port == 0) {
        fprintf(stderr, "pi-cluster: REDIS_PORT=%s is not a port number\n",
                port_text);
        return 2;
    }
    if (host[0] == '/')
        snprintf(server, sizeof server, "%s", host);
    else
        snprintf(server, sizeof server, "%s:%d", host, port);

    /* As in chapter 9: a broken connection is an error, not SIGPIPE; the
       workers are ours to reap; stop signals are noted, and held back. */
    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR ||
        signal(SIGCHLD, SIG_DFL) == SIG_ERR)
        die("signal");
    catch_stop_signals();
    int status = 0;
    if (worker_only)
        status = join();
    else
        status = coordinate(n, slices, workers);
    end_like_stop_signal();
    if (status == 0 && !worker_only)
        close_stdout(); /* a failed write of the result must not exit 0 */
    return status;
}
// ANCHOR_END: main
