// ANCHOR: includes
/*
 * pi-redis - pi from WORKERS processes that hand their partial sums back
 * through a Redis list.
 *
 * Mirrors the Redis program of "多进程并行计算实例" (a parallel computing
 * example with several processes) in the original tutorial. The parent
 * connects to the server first: if none answers, it says where it looked
 * and how to start one, and exits 1 before making any worker. It makes
 * the run's list, under a key with 128 random bits in its name, and only
 * if no key of that name exists. Worker i sums slice i of the N terms,
 * opens a connection of its own and pushes "i sum" (sum as %.17g, which
 * reads back as the same double) onto that list. The parent reaps the
 * workers, connects again, reads the list, puts each sum back in its
 * slice's place, adds them in slice order and deletes the key. The
 * defaults print 3.141592650405625, the tutorial's own number.
 *
 * The server is $REDIS_HOST (a unix socket path if it starts with "/";
 * default 127.0.0.1) and $REDIS_PORT (default 6379).
 *
 * Every command waits REPLY_SECONDS at most for its reply, so a server
 * that stalls ends the run with a message naming it and the command. A
 * worker that fails (exits non-zero or is killed) is reported with its
 * slice, pid and how it ended. The parent still waits for every other
 * worker, so none is left running or unreaped; it deletes the key, prints
 * no pi and exits 1. SIGINT (Ctrl-C), SIGTERM and SIGHUP stop the
 * workers, delete the key, then end the program as they would have. A
 * worker dies with its parent; should the parent be killed (SIGKILL), the
 * key expires a day after the run made it.
 *
 * Usage: ./pi-redis [N [WORKERS]]
 * Libraries: hiredis -lm
 * Needs: redis-server
 */
#include "common.h"

#include <hiredis.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/un.h> /* struct sockaddr_un, for the longest socket path */

#define KEY_SECONDS "86400" /* the key's lifetime, unless deleted */
#define REPLY_SECONDS 5     /* the longest wait for a reply (see the book) */

/* The server, as messages name it: a socket path, or host:port. */
static char server[300];
// ANCHOR_END: includes

// ANCHOR: stop
/* The signal that asked this run to stop, once one has come. */
static volatile sig_atomic_t stop_signal;
static sigset_t stop_signals; /* SIGINT, SIGTERM and SIGHUP */

static void note_stop(int sig)
{
    stop_signal = sig;
}

/* On SIGINT, SIGTERM and SIGHUP, note the signal instead of dying with
   the key still there; leave alone one inherited as ignored (nohup).
   No SA_RESTART: a waitpid() in progress fails with EINTR. */
static void catch_stop_signals(void)
{
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction old, action = {.sa_handler = note_stop};
    if (sigemptyset(&action.sa_mask) == -1 ||
        sigemptyset(&stop_signals) == -1)
        die("sigemptyset");
    for (int i = 0; i < 3; i++) {
        if (sigaddset(&stop_signals, signals[i]) == -1)
            die("sigaddset");
        if (sigaction(signals[i], NULL, &old) == -1)
            die("sigaction");
        if (old.sa_handler != SIG_IGN &&
            sigaction(signals[i], &action, NULL) == -1)
            die("sigaction");
    }
}

/* SIG_BLOCK: hold the stop signals back while the parent talks to Redis,
   so that none breaks off a connection or a command. SIG_UNBLOCK: let
   them in again; one that came meanwhile is handled at once. */
static void hold_stop_signals(int how)
{
    if (sigprocmask(how, &stop_signals, NULL) == -1)
        die("sigprocmask");
}
// ANCHOR_END: stop

// ANCHOR: connect
/* Connect to the server at host (a unix socket path when it starts with
   "/") and port, giving up after half a second; then give every command
   on the connection a deadline. On failure say why, and return NULL. */
static redisContext *connect_redis(const char *host, int port)
{
    struct timeval connecting = {0, 500000}, deadline = {REPLY_SECONDS, 0};
    redisContext *c;
    if (host[0] == '/')
        c = redisConnectUnixWithTimeout(host, connecting);
    else
        c = redisConnectWithTimeout(host, port, connecting);
    if (c != NULL && c->err == 0 && redisSetTimeout(c, deadline) == REDIS_OK)
        return c;

    fprintf(stderr, "pi-redis: cannot connect to Redis at %s: %s\n", server,
            c != NULL ? c->errstr : "out of memory");
    if (c != NULL)
        redisFree(c);
    return NULL;
}

/* Send a command and wait for its reply: the reply, or NULL if there was
   none (the connection broke, or the deadline passed) or the server
   refused the command. Then say so, naming the command (the first word of
   format), the server, and why. */
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
    }
    fprintf(stderr, "pi-redis: %.*s to Redis at %s: %s\n",
            (int)strcspn(format, " "), format, server, why);
    if (reply != NULL)
        freeReplyObject(reply);
    return NULL;
}

/* Whether a command had its reply, for one that says nothing we need
   ("OK", a count): free it unread. */
static int done(redisReply *reply)
{
    if (reply == NULL)
        return 0;
    freeReplyObject(reply);
    return 1;
}
// ANCHOR_END: connect

// ANCHOR: read_sums
/* Read an entry "slice sum" into *slice and *sum: 0 if it holds exactly
   that, with slice one of 0 to workers - 1 and sum a partial sum (a
   finite number, 0 or more); -1 if it holds anything else. */
static int parse_entry(const redisReply *entry, int workers, int *slice,
                       double *sum)
{
    if (entry->type != REDIS_REPLY_STRING)
        return -1;
    char *end;
    long number = strtol(entry->str, &end, 10);
    if (end == entry->str || *end != ' ' || number < 0 || number >= workers)
        return -1;
    const char *text = end + 1;
    *sum = strtod(text, &end);
    if (end == text || end != entry->str + entry->len || !isfinite(*sum) ||
        *sum < 0)
        return -1;
    *slice = (int)number;
    return 0;
}

/* Read the list at key, past the parent's "claimed": one "slice sum" entry
   per worker, in the order the workers finished, into sums[slice]. 0 if
   every slice is there exactly once, -1 (said on stderr) if not. */
static int read_sums(redisContext *c, const char *key, int workers,
                     double sums[])
{
    redisReply *list = command(c, "LRANGE %s 1 -1", key);
    if (list == NULL)
        return -1;
    int result = 0;
    if (list->type != REDIS_REPLY_ARRAY ||
        list->elements != (size_t)workers) {
        fprintf(stderr, "pi-redis: %s holds %zu entries, not %d\n", key,
                list->elements, workers);
        result = -1;
    }
    int seen[MAX_WORKERS] = {0};
    for (size_t j = 0; result == 0 && j < list->elements; j++) {
        int slice;
        double sum;
        if (parse_entry(list->element[j], workers, &slice, &sum) == -1 ||
            seen[slice]) {
            fprintf(stderr, "pi-redis: %s: unexpected entry %zu\n", key,
                    j + 1);
            result = -1;
        } else {
            sums[slice] = sum;
            seen[slice] = 1;
        }
    }
    freeReplyObject(list);
    return result;
}
// ANCHOR_END: read_sums

// ANCHOR: claim
/* Make the list at key, holding "claimed" and expiring after KEY_SECONDS,
   if no key of that name exists: 1 if it was made (it is this run's), 0 if
   the name is taken (that key is left as it was), -1 if a command failed
   (said on stderr). */
static int claim_key(redisContext *c, const char *key)
{
    /* After WATCH, EXEC runs nothing (and replies nil) if the key has been
       changed since. */
    if (!done(command(c, "WATCH %s", key)))
        return -1;
    redisReply *reply = command(c, "EXISTS %s", key);
    if (reply == NULL)
        return -1;
    int exists = reply->integer != 0;
    freeReplyObject(reply);
    if (exists)
        return 0;
    /* Queued by MULTI, run by EXEC: together, or not at all. */
    if (!done(command(c, "MULTI")) ||
        !done(command(c, "RPUSH %s claimed", key)) ||
        !done(command(c, "EXPIRE %s %s", key, KEY_SECONDS)))
        return -1;
    reply = command(c, "EXEC");
    if (reply == NULL) { /* it may have run, and only its reply be lost */
        fprintf(stderr, "pi-redis: %s may be left; it expires within a day\n",
                key);
        return -1;
    }
    int made = reply->type == REDIS_REPLY_ARRAY;
    freeReplyObject(reply);
    return made;
}
// ANCHOR_END: claim

// ANCHOR: server
int main(int argc, char *argv[])
{
    long long n;
    int workers;
    parse_args(argc, argv, &n, &workers);
    const char *host = getenv("REDIS_HOST");
    if (host == NULL || host[0] == '\0')
        host = "127.0.0.1";
    const char *port_text = getenv("REDIS_PORT");
    int port = 6379;
    if (port_text != NULL && port_text[0] != '\0')
        port = (int)parse_count(port_text, 65535);
    if (port == 0) {
        fprintf(stderr, "pi-redis: REDIS_PORT=%s is not a port number\n",
                port_text);
        return 2;
    }
    /* hiredis would cut a longer socket path short, silently, and could
       reach another server than the one named: refuse it (unix(7)). */
    struct sockaddr_un address;
    if (host[0] == '/' && strlen(host) >= sizeof address.sun_path) {
        fprintf(stderr,
                "pi-redis: REDIS_HOST is longer than a socket path "
                "can be (%zu bytes)\n",
                sizeof address.sun_path - 1);
        return 2;
    }
    if (host[0] == '/')
        snprintf(server, sizeof server, "%s", host);
    else
        snprintf(server, sizeof server, "%s:%d", host, port);

    /* Writing to a socket whose server has gone raises SIGPIPE, which
       ends a process by default. Ignored (here and in every worker), the
       write fails with EPIPE instead, and hiredis reports the error. */
    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
        die("signal");
    catch_stop_signals();
    /* SIGCHLD inherited as ignored would have the kernel reap the workers
       itself, and waitpid() fail: the default, whatever we were given. */
    if (signal(SIGCHLD, SIG_DFL) == SIG_ERR)
        die("signal");

    double start = seconds();
    /* A key of this run's own: "pi-redis:" and 128 random bits, in hex. */
    unsigned char bits[16];
    FILE *urandom = fopen("/dev/urandom", "r");
    if (urandom == NULL ||
        fread(bits, 1, sizeof bits, urandom) != sizeof bits ||
        fclose(urandom) == EOF)
        die("/dev/urandom");
    char key[48] = "pi-redis:";
    for (int i = 0; i < 16; i++) /* two hexadecimal digits a byte */
        snprintf(key + strlen(key), 3, "%02x", bits[i]);

    hold_stop_signals(SIG_BLOCK);
    redisContext *c = connect_redis(host, port);
    if (c == NULL) {
        fprintf(stderr,
                "pi-redis: start one with: redis-server --port %d\n"
                "pi-redis: or run make run-09-pi-redis, which "
                "starts a private one\n",
                port);
        return 1;
    }
    int claimed = claim_key(c, key);
    redisFree(c); /* not kept idle while the workers work: see the book */
    if (claimed == 0)
        fprintf(stderr, "pi-redis: %s exists already: left alone\n", key);
    if (claimed != 1)
        return 1;
    hold_stop_signals(SIG_UNBLOCK);
    // ANCHOR_END: server

    // ANCHOR: workers
    pid_t pids[MAX_WORKERS];
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
            char entry[64];
            snprintf(entry, sizeof entry, "%d %.17g", i, s);

            /* A connection of this worker's own. */
            redisContext *own = connect_redis(host, port);
            if (own == NULL)
                _exit(1);
            /* Onto the run's list, and no other: RPUSHX pushes only onto
               a list that exists. */
            redisReply *reply = command(own, "RPUSHX %s %s", key, entry);
            if (reply == NULL)
                _exit(1);
            if (reply->integer == 0) {
                fprintf(stderr, "pi-redis: %s is gone\n", key);
                _exit(1);
            }
            freeReplyObject(reply);
            redisFree(own);
            _exit(0);
        }
        pids[i] = pid;
        made++;
    }
    // ANCHOR_END: workers

    // ANCHOR: collect
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
        if (stop_signal || !worker_succeeded("pi-redis", i, pids[i], status))
            failed = 1;
    }

    /* A new connection, now that the workers are done. Read the sums,
       and delete the key, also after a failure or a stop signal. */
    hold_stop_signals(SIG_BLOCK);
    double sums[MAX_WORKERS];
    c = connect_redis(host, port);
    int deleted = 0;
    if (c != NULL) {
        if (!failed && read_sums(c, key, workers, sums) == -1)
            failed = 1;
        deleted = done(command(c, "DEL %s", key));
        redisFree(c);
    }
    if (!deleted) { /* say what is left, and for how long */
        fprintf(stderr, "pi-redis: %s is left; it expires within a day\n",
                key);
        failed = 1;
    }
    hold_stop_signals(SIG_UNBLOCK);
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
