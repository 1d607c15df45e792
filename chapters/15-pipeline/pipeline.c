// ANCHOR: includes
/*
 * pipeline - "ls | wc -l" and "yes | head -n 3", built by hand from
 * pipe(), two fork()s, dup2() and exec.
 *
 * Part 3 of the book, beyond the original tutorial. For each pipeline the
 * parent makes a pipe and two children: the writer's stdout becomes the
 * pipe's write end, the reader's stdin its read end, and each execs its
 * command. Every process closes the ends it does not use: the reader sees
 * end of file only when no write end is left open anywhere. The parent
 * waits for both and says how each ended; in the second pipeline head
 * leaves early, and yes dies of SIGPIPE at its next write.
 *
 * Usage: ./pipeline
 */
#include "common.h"

#include <fcntl.h>
#include <sys/wait.h>
// ANCHOR_END: includes

// ANCHOR: child
/* In a child: make fd the descriptor target (0 or 1), close both ends of
   the pipe, and exec command. Never returns. */
static _Noreturn void run(char *const command[], int fd, int target,
                          const int pipe_fds[2])
{
    if (dup2(fd, target) == -1)
        die_child("dup2");
    if (close(pipe_fds[0]) == -1 || close(pipe_fds[1]) == -1)
        die_child("close");
    execvp(command[0], command);
    report(command[0]);
    _exit(errno == ENOENT ? 127 : 126);
}
// ANCHOR_END: child

// ANCHOR: report
/* Say how the child pid, which ran name, ended. */
static void say_how_it_ended(const char *name, pid_t pid, int status)
{
    if (WIFEXITED(status))
        printf("%s (pid %ld) exited with status %d\n", name, (long)pid,
               WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("%s (pid %ld) was killed by signal %d (%s)\n", name, (long)pid,
               WTERMSIG(status), strsignal(WTERMSIG(status)));
}
// ANCHOR_END: report

// ANCHOR: pipeline
/* Run writer | reader, wait for both, and say how each ended. */
static void pipeline(char *const writer[], char *const reader[])
{
    int fds[2]; /* fds[0] the read end, fds[1] the write end */
    if (pipe(fds) == -1)
        die("pipe");
    pid_t left = fork();
    if (left == -1)
        die("fork");
    if (left == 0)
        run(writer, fds[1], STDOUT_FILENO, fds);
    pid_t right = fork();
    if (right == -1)
        die("fork");
    if (right == 0)
        run(reader, fds[0], STDIN_FILENO, fds);

    /* The parent neither reads nor writes. Its write end left open, the
       reader would never see end of file, and we would wait for ever. */
    if (close(fds[0]) == -1 || close(fds[1]) == -1)
        die("close");
    int left_status, right_status;
    if (waitpid(left, &left_status, 0) == -1 ||
        waitpid(right, &right_status, 0) == -1)
        die("waitpid");
    say_how_it_ended(writer[0], left, left_status);
    say_how_it_ended(reader[0], right, right_status);
}
// ANCHOR_END: pipeline

// ANCHOR: main
int main(int argc, char *argv[])
{
    if (argc > 1) { /* no arguments to take */
        fprintf(stderr, "Usage: %s\n", argv[0]);
        return 2;
    }
    if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
        die("setvbuf");
    /* A closed stdin or stdout would be taken by pipe() (chapter 14). */
    if (fcntl(STDIN_FILENO, F_GETFD) == -1)
        die("stdin");
    if (fcntl(STDOUT_FILENO, F_GETFD) == -1)
        die("stdout");

    char *ls[] = {"ls", NULL}, *wc[] = {"wc", "-l", NULL};
    printf("1. ls | wc -l\n");
    pipeline(ls, wc);

    char *yes[] = {"yes", NULL}, *head[] = {"head", "-n", "3", NULL};
    printf("2. yes | head -n 3\n");
    pipeline(yes, head);
    close_stdout();
    return 0;
}
// ANCHOR_END: main
