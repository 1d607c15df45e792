// ANCHOR: includes
/*
 * zombie - a killed child that nobody has reaped yet, as ps shows it.
 *
 * Mirrors "僵尸进程" (zombie processes) in the original tutorial: the
 * program of chapter 3, plus a look at the process table right after the
 * kill. ps lists just this program's two processes; the child's line ends
 * in <defunct>, its state is Z.
 *
 * Usage: ./zombie
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

    printf("in parent process\n");
    sleep(5);
    if (kill(pid, SIGKILL) == -1)
        die("kill");
    // ANCHOR_END: child

    // ANCHOR: waitid
    /* kill() only sends the signal; the child dies a moment later. Wait
       for that death without reaping the child (WNOWAIT), so that ps
       below is sure to find a zombie. */
    siginfo_t info;
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) == -1)
        die("waitid");
    // ANCHOR_END: waitid

    // ANCHOR: ps
    char command[64];
    snprintf(command, sizeof command, "ps -o pid,ppid,s,args -p %ld,%ld",
             (long)getpid(), (long)pid);
    int ps_status = system(command);
    if (ps_status == -1)
        die("system");
    if (ps_status != 0)
        fprintf(stderr, "'%s' did not succeed\n", command);
    sleep(5);
    // ANCHOR_END: ps

    // ANCHOR: reap
    /* Reaping removes the zombie from the process table (chapter 5). */
    if (waitpid(pid, NULL, 0) == -1)
        die("waitpid");
    close_stdout(); /* a failed write of our output must not exit 0 */
    return ps_status == 0 ? 0 : 1;
}
// ANCHOR_END: reap
