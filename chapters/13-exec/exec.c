// ANCHOR: includes
/*
 * exec - run another program: fork, exec in the child, wait in the parent.
 *
 * Part 3 of the book, beyond the original tutorial. The child replaces its
 * program with COMMAND, found on the PATH by execvp(), and keeps its pid;
 * the parent waits and says how the command ended. Before exec the child
 * ignores SIGINT and catches SIGTERM: the new program still ignores SIGINT,
 * but SIGTERM is back at its default, since the handler was code in the
 * memory that exec replaced. The default COMMAND is a shell that shows
 * both. If exec fails, the child exits 127 when there is no such command
 * and 126 when there is one it cannot run, as a shell does.
 *
 * Usage: ./exec [COMMAND [ARG...]]
 */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>
// ANCHOR_END: includes

// ANCHOR: command
/* The command run when none is given: sh prints its pid, then signals
   itself, SIGINT first, SIGTERM next. */
static char *default_command[] = {
    "sh", "-c",
    "echo \"sh: I am pid $$\"; kill -INT $$; echo \"sh: SIGINT ignored\"; "
    "kill -TERM $$; echo \"sh: SIGTERM ignored\"",
    NULL};

/* Never runs: after exec, no process has this code in it any more. */
static void on_sigterm(int signo)
{
    (void)signo;
    static const char message[] = "on_sigterm: still here\n";
    if (write(STDOUT_FILENO, message, sizeof message - 1) == -1)
        _exit(1);
}
// ANCHOR_END: command

// ANCHOR: child
int main(int argc, char *argv[])
{
    char **command = argc > 1 ? argv + 1 : default_command;
    /* Line-buffered: a line left in the buffer at exec would be lost. */
    if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
        die("setvbuf");

    printf("parent pid %ld: running %s\n", (long)getpid(), command[0]);
    pid_t pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        struct sigaction action = {0};
        sigemptyset(&action.sa_mask);
        action.sa_handler = SIG_IGN;
        if (sigaction(SIGINT, &action, NULL) == -1)
            die_child("sigaction");
        action.sa_handler = on_sigterm;
        if (sigaction(SIGTERM, &action, NULL) == -1)
            die_child("sigaction");
        printf("child pid %ld: SIGINT ignored, SIGTERM caught, exec %s\n",
               (long)getpid(), command[0]);
        execvp(command[0], command); /* returns only if it failed */
        int code = errno == ENOENT ? 127 : 126;
        fprintf(stderr, "%s: %s\n", command[0], strerror(errno));
        _exit(code);
    }
    // ANCHOR_END: child

    // ANCHOR: parent
    int status;
    if (waitpid(pid, &status, 0) == -1)
        die("waitpid");
    if (WIFEXITED(status))
        printf("parent: child pid %ld exited with status %d\n", (long)pid,
               WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("parent: child pid %ld was killed by signal %d (%s)\n",
               (long)pid, WTERMSIG(status), strsignal(WTERMSIG(status)));
    close_stdout();
    return 0;
}
// ANCHOR_END: parent
