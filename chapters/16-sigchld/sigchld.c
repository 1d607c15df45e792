// ANCHOR: includes
/*
 * sigchld - reap children in a SIGCHLD handler, and what that signal costs.
 *
 * Part 3 (beyond the original tutorial): the handler reaps every child that
 * has ended with a waitpid(-1, ..., WNOHANG) loop, because ten children
 * ending together raise one SIGCHLD, not ten; a slow call that the signal
 * interrupts fails with EINTR; sigsuspend() waits for the signal without
 * the race pause() has; with SIGCHLD ignored, children reap themselves and
 * their exit status is lost.
 *
 * Usage: ./sigchld
 */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>

#define CHILDREN 10
// ANCHOR_END: includes

// ANCHOR: handler
/* Written by the handler, read by main() while SIGCHLD is blocked. */
static volatile sig_atomic_t runs, reaped, exited_zero;

/* Runs when SIGCHLD arrives: reap every child that has ended, not one. */
static void reap_children(int signo)
{
    (void)signo;
    int saved_errno = errno; /* waitpid() sets it; main() may be reading it */
    int status;
    while (waitpid(-1, &status, WNOHANG) > 0) {
        reaped++;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
            exited_zero++;
    }
    runs++;
    errno = saved_errno;
}
// ANCHOR_END: handler

// ANCHOR: install
int main(int argc, char *argv[])
{
    if (argc > 1) { /* no arguments to take */
        fprintf(stderr, "Usage: %s\n", argv[0]);
        return 2;
    }
    /* No SA_RESTART: a slow call the signal interrupts fails with EINTR. */
    struct sigaction action = {.sa_handler = reap_children};
    sigset_t chld, unblocked;
    if (sigemptyset(&action.sa_mask) == -1 ||
        sigaction(SIGCHLD, &action, NULL) == -1)
        die("sigaction");
    if (sigemptyset(&chld) == -1 || sigaddset(&chld, SIGCHLD) == -1)
        die("sigaddset");
    // ANCHOR_END: install

    // ANCHOR: ten
    /* Ten children, all waiting on one pipe; SIGCHLD held back meanwhile. */
    if (sigprocmask(SIG_BLOCK, &chld, &unblocked) == -1)
        die("sigprocmask");
    int gate[2];
    if (pipe(gate) == -1)
        die("pipe");
    pid_t pids[CHILDREN];
    for (int i = 0; i < CHILDREN; i++) {
        pids[i] = fork();
        if (pids[i] == -1)
            die("fork");
        if (pids[i] == 0) {
            char byte;
            if (close(gate[1]) == -1)
                die_child("close");
            if (read(gate[0], &byte, 1) == -1) /* until end of file */
                die_child("read");
            _exit(0);
        }
    }
    if (close(gate[1]) == -1 || close(gate[0]) == -1) /* all ten go now */
        die("close");
    // ANCHOR_END: ten

    // ANCHOR: merged
    /* Wait until each has ended, without reaping it (WNOWAIT), then let the
       pending SIGCHLD in: one signal stands for all ten. */
    for (int i = 0; i < CHILDREN; i++) {
        siginfo_t info;
        if (waitid(P_PID, (id_t)pids[i], &info, WEXITED | WNOWAIT) == -1)
            die("waitid");
    }
    printf("%d children have ended, SIGCHLD blocked\n", CHILDREN);
    if (sigprocmask(SIG_SETMASK, &unblocked, NULL) == -1)
        die("sigprocmask");
    printf("SIGCHLD unblocked: the handler ran %d time(s), reaped %d "
           "children, %d exited with status 0\n",
           (int)runs, (int)reaped, (int)exited_zero);
    // ANCHOR_END: merged

    // ANCHOR: eintr
    /* One child ends at 1 s; another writes to us at 2 s. We are in read()
       when the first SIGCHLD comes. */
    int data[2];
    if (pipe(data) == -1)
        die("pipe");
    for (int i = 1; i <= 2; i++) {
        pid_t pid = fork();
        if (pid == -1)
            die("fork");
        if (pid == 0) {
            if (close(data[0]) == -1)
                die_child("close");
            sleep((unsigned)i);
            if (i == 2 && write(data[1], "hello\n", 6) != 6)
                die_child("write");
            _exit(0);
        }
    }
    if (close(data[1]) == -1)
        die("close");
    char text[16];
    ssize_t n;
    while ((n = read(data[0], text, sizeof text)) == -1 && errno == EINTR)
        printf("read: %s: the handler ran, we read again\n", strerror(errno));
    if (n == -1)
        die("read");
    printf("read %d bytes: %.*s", (int)n, (int)n, text);
    if (close(data[0]) == -1)
        die("close");
    // ANCHOR_END: eintr

    // ANCHOR: sigsuspend
    /* Wait for the last child: test, then sleep with SIGCHLD let in, in one
       step, so that no signal can slip in between the two. */
    if (sigprocmask(SIG_BLOCK, &chld, NULL) == -1)
        die("sigprocmask");
    while (reaped < CHILDREN + 2)
        if (sigsuspend(&unblocked) == -1 && errno != EINTR)
            die("sigsuspend");
    if (sigprocmask(SIG_SETMASK, &unblocked, NULL) == -1)
        die("sigprocmask");
    printf("all %d children reaped in %d handler runs\n", (int)reaped,
           (int)runs);
    // ANCHOR_END: sigsuspend

    // ANCHOR: ignore
    /* SIGCHLD ignored: the kernel reaps each child as it ends, and the
       parent's wait finds nobody to wait for. */
    struct sigaction ignore = {.sa_handler = SIG_IGN};
    if (sigemptyset(&ignore.sa_mask) == -1 ||
        sigaction(SIGCHLD, &ignore, NULL) == -1)
        die("sigaction");
    pid_t pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0)
        _exit(3);
    int status;
    if (waitpid(pid, &status, 0) != -1)
        printf("SIGCHLD ignored: waitpid found the child's status %d\n",
               WEXITSTATUS(status));
    else if (errno == ECHILD)
        printf("SIGCHLD ignored: waitpid: %s: exit status 3 lost\n",
               strerror(errno));
    else
        die("waitpid");
    close_stdout(); /* a failed write of our output must not exit 0 */
    return 0;
}
// ANCHOR_END: ignore
