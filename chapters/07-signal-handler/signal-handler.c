// ANCHOR: includes
/*
 * signal-handler - a child that catches SIGTERM with a handler of its own.
 *
 * Mirrors the second program of "捕获信号" (catching signals) in the
 * original tutorial: the handler says "child will die" and ends the child.
 * A handler may interrupt the program anywhere, even inside printf(), so it
 * calls only async-signal-safe functions: write() and _exit().
 *
 * Usage: ./signal-handler
 */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>
// ANCHOR_END: includes

// ANCHOR: handler
/* Runs in the child when SIGTERM arrives. See signal-safety(7). */
static void i_will_die(int signo)
{
    (void)signo;
    static const char message[] = "child will die\n";
    if (write(STDOUT_FILENO, message, sizeof message - 1) == -1)
        _exit(1);
    _exit(0);
}
// ANCHOR_END: handler

// ANCHOR: child
int main(void)
{
    /* Line-buffered, so every line leaves before the handler runs. */
    if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
        die("setvbuf");

    pid_t pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        struct sigaction action = {.sa_handler = i_will_die};
        if (sigemptyset(&action.sa_mask) == -1 ||
            sigaction(SIGTERM, &action, NULL) == -1)
            die_child("sigaction");
        for (;;) {
            printf("in child process\n");
            sleep(1);
        }
    }
    // ANCHOR_END: child

    // ANCHOR: parent
    printf("in parent process\n");
    sleep(5);
    if (kill(pid, SIGTERM) == -1)
        die("kill");
    sleep(5);

    if (waitpid(pid, NULL, 0) == -1)
        die("waitpid");
    close_stdout(); /* a failed write of our output must not exit 0 */
    return 0;
}
// ANCHOR_END: parent
