// ANCHOR: includes
/*
 * kill - a child prints every second until its parent kills it.
 *
 * Mirrors "杀死子进程" (killing a child process) in the original tutorial:
 * the parent sends SIGKILL after 5 seconds, then waits 5 seconds more to
 * show that the child prints nothing after it.
 *
 * Usage: ./kill
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
        for (;;) {
            printf("in child process\n");
            sleep(1);
        }
    }
    // ANCHOR_END: child

    // ANCHOR: parent
    printf("in parent process\n");
    sleep(5);
    if (kill(pid, SIGKILL) == -1)
        die("kill");
    sleep(5); /* the killed child prints nothing more */
              // ANCHOR_END: parent

    // ANCHOR: reap
    /* Reap the dead child; chapters 4 and 5 show why. */
    if (waitpid(pid, NULL, 0) == -1)
        die("waitpid");
    close_stdout(); /* a failed write of our output must not exit 0 */
    return 0;
}
// ANCHOR_END: reap
