// ANCHOR: includes
/*
 * process-group - one signal to a whole process group; orphans, adopted by
 * a subreaper, and a child that asks to die with its parent.
 *
 * Part 3 (beyond the original tutorial): a leader and its two workers in a
 * process group of their own, ended by one kill(-pgid, SIGTERM), which is
 * what Ctrl-C does to a terminal's foreground group; then a parent that
 * exits before its two children: one is adopted by this program, a
 * subreaper, the other asked to die with its parent and does.
 * Linux only: prctl(2)'s PR_SET_CHILD_SUBREAPER and PR_SET_PDEATHSIG.
 *
 * Usage: ./process-group
 */
#include "common.h"

#include <signal.h>
#include <sys/prctl.h> /* Linux only */
#include <sys/wait.h>

#define WORKERS 2
// ANCHOR_END: includes

// ANCHOR: report
/* Reap one child (pid, or -1: any) and say how it ended; its status. */
static int reap(pid_t pid, const char *who)
{
    int status;
    pid_t ret = waitpid(pid, &status, 0);
    if (ret == -1)
        die("waitpid");
    if (WIFEXITED(status))
        printf("reaped %s, pid %ld: exited with status %d\n", who, (long)ret,
               WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("reaped %s, pid %ld: killed by signal %d (%s)\n", who,
               (long)ret, WTERMSIG(status), strsignal(WTERMSIG(status)));
    return status;
}

/* Something failed: kill the leader, then its group (if it made one),
   reap every child we have, orphans adopted included, and exit 1. The
   leader first: once SIGKILL is pending, its fork() can no longer make a
   worker that the group's kill would miss. */
static _Noreturn void give_up(pid_t leader)
{
    if (leader > 0) {
        kill(leader, SIGKILL);
        kill(-leader, SIGKILL); /* (no such group: ESRCH, nothing to do) */
    }
    while (waitpid(-1, NULL, 0) > 0)
        ;
    exit(1);
}
// ANCHOR_END: report

// ANCHOR: subreaper
int main(int argc, char *argv[])
{
    if (argc > 1) { /* no arguments to take */
        fprintf(stderr, "Usage: %s\n", argv[0]);
        return 2;
    }
    /* Line-buffered: a child prints, then leaves with _exit(). */
    if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
        die("setvbuf");
    /* Orphans among our descendants are given to us, not to process 1. */
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) == -1)
        die("prctl");
    pid_t self = getpid();
    // ANCHOR_END: subreaper

    // ANCHOR: group
    /* A leader in a group of its own, and two workers, which join it. */
    int ready[2];
    if (pipe(ready) == -1)
        die("pipe");
    pid_t leader = fork();
    if (leader == -1)
        die("fork");
    if (leader == 0) {
        if (setpgid(0, 0) == -1) /* a new group; its id is our pid */
            die_child("setpgid");
        for (int i = 0; i < WORKERS; i++) {
            pid_t worker = fork();
            if (worker == -1)
                die_child("fork");
            if (worker == 0) {
                if (close(ready[1]) == -1) /* only the leader says "R" */
                    die_child("close");
                for (;;)
                    pause(); /* until a signal ends it */
            }
        }
        if (write(ready[1], "R", 1) != 1) /* the workers exist */
            die_child("write");
        for (;;)
            pause();
    }
    /* The parent sets it too: whichever runs first, it is done before
       anyone relies on it. */
    if (setpgid(leader, leader) == -1) {
        report("setpgid");
        give_up(leader);
    }
    char byte;
    if (close(ready[1]) == -1) {
        report("close");
        give_up(leader);
    }
    ssize_t got = read(ready[0], &byte, 1); /* 0: the leader ended first */
    if (got != 1) {
        if (got == -1)
            report("read");
        else
            fprintf(stderr, "process-group: the leader ended too soon\n");
        give_up(leader);
    }
    if (close(ready[0]) == -1) {
        report("close");
        give_up(leader);
    }
    // ANCHOR_END: group

    // ANCHOR: kill
    /* A negative pid names a process group: one call, three processes. */
    printf("kill(-pgid, SIGTERM) to the group of the leader, pid %ld\n",
           (long)leader);
    if (kill(-leader, SIGTERM) == -1) {
        report("kill");
        give_up(leader);
    }
    reap(leader, "the leader");
    for (int i = 0; i < WORKERS; i++)
        reap(-1, "a worker, orphaned, adopted by us"); /* the subreaper */
    // ANCHOR_END: kill

    // ANCHOR: orphans
    /* A parent with two children; it exits before them. */
    int gate[2], up[2];
    if (pipe(gate) == -1 || pipe(up) == -1)
        die("pipe");
    pid_t parent = fork();
    if (parent == -1)
        die("fork");
    if (parent == 0) {
        pid_t orphan = fork();
        if (orphan == -1)
            die_child("fork");
        if (orphan == 0) { /* like Part 1's child: it lives on */
            if (close(up[0]) == -1 || close(up[1]) == -1 ||
                close(gate[1]) == -1)
                die_child("close");
            if (read(gate[0], &byte, 1) == -1)
                die_child("read");
            if (getppid() == self)
                printf("orphan: my parent is now the subreaper\n");
            else
                printf("orphan: my parent is now pid %ld\n", (long)getppid());
            _exit(0);
        }
        pid_t mine = getpid();
        pid_t faithful = fork();
        if (faithful == -1)
            die_child("fork");
        if (faithful == 0) { /* asks to be sent SIGTERM when mine ends */
            if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1)
                die_child("prctl");
            if (getppid() != mine) /* too late: it has ended already */
                _exit(1);
            if (write(up[1], "U", 1) != 1)
                die_child("write");
            for (;;)
                pause();
        }
        if (close(up[1]) == -1)
            die_child("close");
        got = read(up[0], &byte, 1); /* 0: it ended first */
        if (got == -1)
            die_child("read");
        if (got == 0) {
            fprintf(stderr, "process-group: the child that asked to die "
                            "with its parent ended too soon\n");
            _exit(1);
        }
        _exit(0); /* both children still running */
    }
    if (close(up[1]) == -1 || close(up[0]) == -1 || close(gate[0]) == -1)
        die("close");
    // ANCHOR_END: orphans

    // ANCHOR: adopted
    if (reap(parent, "the parent") != 0) { /* it failed, and said why */
        if (close(gate[1]) == -1) /* the orphan is not kept waiting */
            report("close");
        give_up(0);
    }
    reap(-1, "the child that asked to die with its parent");
    if (close(gate[1]) == -1) /* now the orphan may look */
        die("close");
    reap(-1, "the orphan");
    close_stdout(); /* a failed write of our output must not exit 0 */
    return 0;
}
// ANCHOR_END: adopted
