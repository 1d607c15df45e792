// ANCHOR: includes
/*
 * ignore-signal - a child that ignores SIGTERM, and the signal it cannot
 * ignore.
 *
 * Mirrors the first program of "捕获信号" (catching signals) in the
 * original tutorial: the child ignores SIGTERM and keeps printing; only
 * SIGKILL, which no process can catch or ignore, ends it.
 *
 * Usage: ./ignore-signal
 */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>
// ANCHOR_END: includes

// ANCHOR: child
int main(void)
{
    /* Line-buffered, so the child's lines leave before it is killed. */
    if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
        die("setvbuf");

    pid_t pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        if (signal(SIGTERM, SIG_IGN) == SIG_ERR)
            die_child("signal");
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
    printf("SIGTERM sent\n");
    sleep(5);
    if (kill(pid, SIGKILL) == -1)
        die("kill");
    printf("SIGKILL sent\n");
    sleep(5);

    if (waitpid(pid, NULL, 0) == -1)
        die("waitpid");
    close_stdout(); /* a failed write of our output must not exit 0 */
    return 0;
}
// ANCHOR_END: parent
