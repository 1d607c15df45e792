// ANCHOR: includes
/*
 * waitpid - reap a child and read how it ended.
 *
 * Mirrors "收割子进程" (reaping a child process) in the original tutorial:
 * the parent asks its child to end with SIGTERM, waits for it with
 * waitpid(), prints the raw status as the tutorial does, then decodes it
 * with the W* macros.
 *
 * Usage: ./waitpid
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

    // ANCHOR: waitpid
    printf("in parent process\n");
    sleep(5);
    if (kill(pid, SIGTERM) == -1)
        die("kill");

    int status;
    pid_t ret = waitpid(pid, &status, 0); /* blocks until the child ends */
    if (ret == -1)
        die("waitpid");
    printf("ret = (%ld, %d)\n", (long)ret, status);
    // ANCHOR_END: waitpid

    // ANCHOR: decode
    if (WIFEXITED(status))
        printf("child pid %ld exited with status %d\n", (long)ret,
               WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("child pid %ld was killed by signal %d (%s)\n", (long)ret,
               WTERMSIG(status), strsignal(WTERMSIG(status)));
    sleep(5);
    close_stdout(); /* a failed write of our output must not exit 0 */
    return 0;
}
// ANCHOR_END: decode
