// ANCHOR: includes
/*
 * fork-many - ten children from one loop, each leaving the loop at once.
 *
 * Mirrors "生成多个子进程" (spawning several child processes) in the
 * original tutorial. Prints exactly ten parent lines and ten child lines,
 * whether stdout is a terminal, a pipe or a file.
 *
 * Usage: ./fork-many
 */
#include "common.h"

#include <sys/wait.h>

#define CHILDREN 10
// ANCHOR_END: includes

// ANCHOR: buffering
int main(void)
{
    /* A pipe or a file gets a full buffer by default, and fork() would
       copy whatever is still in it into every child. Line buffering
       sends each line out at its newline, before the next fork(). */
    if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
        die("setvbuf");
    // ANCHOR_END: buffering

    // ANCHOR: loop
    int made = 0;
    for (int i = 0; i < CHILDREN; i++) {
        pid_t pid = fork();
        if (pid == -1) {
            report("fork");
            break;
        }
        if (pid == 0) {
            printf("in child process %d\n", i);
            _exit(0); /* leave now, or this child would fork children too */
        }
        printf("in parent process\n");
        made++;
    }
    // ANCHOR_END: loop

    // ANCHOR: reap
    /* Reap every child made, also those made before a failed fork(). */
    for (int i = 0; i < made; i++) {
        if (wait(NULL) == -1)
            die("wait");
    }
    close_stdout(); /* a failed write of our output must not exit 0 */
    return made == CHILDREN ? 0 : 1;
}
// ANCHOR_END: reap
