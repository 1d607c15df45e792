// ANCHOR: includes
/*
 * fork - one fork(), and the three things it can return.
 *
 * Mirrors "生成子进程" (spawning a child process) in the original tutorial.
 * fork() returns twice when it works: the new child's pid in the parent,
 * 0 in the child. When it fails it returns -1, once, in the parent.
 *
 * Usage: ./fork
 */
#include "common.h"

#include <sys/wait.h>
// ANCHOR_END: includes

// ANCHOR: main
int main(void)
{
    /* Line-buffer stdout even into a pipe or a file (see chapter 2). */
    if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
        die("setvbuf");

    pid_t pid = fork();
    if (pid > 0) {
        printf("in parent process (pid %ld), child pid %ld\n", (long)getpid(),
               (long)pid);
    } else if (pid == 0) {
        printf("in child process (pid %ld), parent pid %ld\n", (long)getpid(),
               (long)getppid());
        _exit(0);
    } else {
        die("fork");
    }
    // ANCHOR_END: main

    // ANCHOR: reap
    /* Wait for the child to end, so it leaves nothing behind (chapter 5). */
    if (waitpid(pid, NULL, 0) == -1)
        die("waitpid");
    close_stdout(); /* a failed write of our output must not exit 0 */
    return 0;
}
// ANCHOR_END: reap
