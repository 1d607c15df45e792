// ANCHOR: includes
/*
 * shell - a small shell: pipelines of any length, < and >, $? in the prompt.
 *
 * Part 3's capstone (beyond the original tutorial): read a line, split it
 * into the commands of a pipeline, fork one child per command joined by
 * pipes, redirect with dup2, exec, wait for them all, and show the exit
 * status of the last one in the next prompt, as $? would. When stdin is a
 * terminal, each pipeline runs in a process group of its own, made the
 * terminal's foreground group, so that Ctrl-C reaches the pipeline and not
 * the shell. Words are separated by blanks; |, < and > are words of their
 * own. No quotes, no variables, no built-in commands: end of file exits.
 *
 * Usage: ./shell
 */
#include "common.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#define MAX_STAGES 16 /* commands in a pipeline */
#define MAX_WORDS 32  /* words in a command */

struct stage {
    char *argv[MAX_WORDS + 1]; /* the command and its arguments, NULL */
    char *in, *out;            /* < and > files, or NULL */
};

/* Job control (its own group, Ctrl-C to it) only when stdin is a terminal.
 */
static int interactive;
/* The signals a terminal sends its foreground group (Ctrl-C, Ctrl-\,
   Ctrl-Z) and to a background group that takes it (SIGTTOU); what they did
   when we started is what our children get. */
static const int job_signals[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTOU};
#define JOB_SIGNALS 4
static struct sigaction inherited[JOB_SIGNALS];

static int parse(char *line, struct stage stages[]);
static int run(const struct stage stages[], int n);
static _Noreturn void child(const struct stage *s, pid_t pgid, int in,
                            int out, int unused);
// ANCHOR_END: includes

// ANCHOR: main
int main(int argc, char *argv[])
{
    if (argc > 1) { /* no arguments to take */
        fprintf(stderr, "Usage: %s\n", argv[0]);
        return 2;
    }
    interactive = isatty(STDIN_FILENO);
    if (interactive) { /* Ctrl-C and friends are for the pipeline */
        struct sigaction ignore = {.sa_handler = SIG_IGN};
        if (sigemptyset(&ignore.sa_mask) == -1)
            die("sigemptyset");
        for (int i = 0; i < JOB_SIGNALS; i++)
            if (sigaction(job_signals[i], &ignore, &inherited[i]) == -1)
                die("sigaction");
    }
    // ANCHOR_END: main

    // ANCHOR: loop
    char *line = NULL;
    size_t size = 0;
    int status = 0;
    for (;;) {
        printf("[%d]$ ", status); /* the prompt shows $? */
        if (fflush(stdout) == EOF)
            die("stdout");
        if (getline(&line, &size, stdin) == -1)
            break;
        if (!interactive) /* show the command, as a terminal would */
            printf("%s%s", line, strchr(line, '\n') ? "" : "\n");
        if (fflush(stdout) == EOF) /* before the children write */
            die("stdout");
        struct stage stages[MAX_STAGES];
        int blank = line[strspn(line, " \t\n")] == '\0';
        int n = parse(line, stages);
        if (n > 0) {
            status = run(stages, n);
        } else if (!blank) {
            fprintf(stderr, "shell: syntax error\n");
            status = 2;
        }
    }
    if (ferror(stdin))
        die("stdin");
    free(line);
    printf("exit\n");
    close_stdout(); /* a failed write of our output must not pass unseen */
    return status;
}
// ANCHOR_END: loop

// ANCHOR: parse
/* Split line into stages; the count, or 0 for a syntax error. */
static int parse(char *line, struct stage stages[])
{
    int n = 0, words = 0;
    memset(&stages[0], 0, sizeof stages[0]);
    for (char *w = strtok(line, " \t\n"); w != NULL;
         w = strtok(NULL, " \t\n")) {
        struct stage *s = &stages[n];
        if (strcmp(w, "|") == 0) {
            if (words == 0 || ++n == MAX_STAGES)
                return 0;
            memset(&stages[n], 0, sizeof stages[n]);
            words = 0;
        } else if (strcmp(w, "<") == 0 || strcmp(w, ">") == 0) {
            char *file = strtok(NULL, " \t\n");
            if (file == NULL || strchr("|<>", file[0]) != NULL)
                return 0;
            *(w[0] == '<' ? &s->in : &s->out) = file;
        } else if (words == MAX_WORDS) {
            return 0;
        } else {
            s->argv[words++] = w;
        }
    }
    return words == 0 ? 0 : n + 1;
}
// ANCHOR_END: parse

// ANCHOR: run
/* Run a pipeline of n stages and wait for it; the status, as $? has it. */
static int run(const struct stage stages[], int n)
{
    pid_t pids[MAX_STAGES], pgid = 0;
    int in = -1; /* the read end of the pipe from the stage before */
    for (int i = 0; i < n; i++) {
        int pipe_fds[2] = {-1, -1};
        if (i < n - 1 && pipe(pipe_fds) == -1)
            die("pipe");
        pids[i] = fork();
        if (pids[i] == -1)
            die("fork");
        if (pids[i] == 0)
            child(&stages[i], pgid, in, pipe_fds[1], pipe_fds[0]);
        if (interactive) { /* the child does it too: whoever is first */
            pgid = pgid == 0 ? pids[i] : pgid;
            if (setpgid(pids[i], pgid) == -1 && errno != EACCES)
                die("setpgid");
        }
        if ((in != -1 && close(in) == -1) ||
            (pipe_fds[1] != -1 && close(pipe_fds[1]) == -1))
            die("close");
        in = pipe_fds[0];
    }
    // ANCHOR_END: run

    // ANCHOR: wait
    if (interactive && tcsetpgrp(STDIN_FILENO, pgid) == -1)
        die("tcsetpgrp");
    int status = 0;
    for (int i = 0; i < n; i++)
        if (waitpid(pids[i], &status, 0) == -1) /* the last one's stays */
            die("waitpid");
    if (interactive && tcsetpgrp(STDIN_FILENO, getpgrp()) == -1)
        die("tcsetpgrp"); /* the terminal back to the shell */
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
// ANCHOR_END: wait

// ANCHOR: child
/* In the child for stage s: join the group, plug in the pipes and the
   files, exec. Never returns. */
static _Noreturn void child(const struct stage *s, pid_t pgid, int in,
                            int out, int unused)
{
    if (interactive) {
        pid_t group = pgid == 0 ? getpid() : pgid;
        if (setpgid(0, group) == -1)
            die_child("setpgid");
        if (tcsetpgrp(STDIN_FILENO, group) == -1) /* before fd 0 moves */
            die_child("tcsetpgrp");
        for (int i = 0; i < JOB_SIGNALS; i++)
            if (sigaction(job_signals[i], &inherited[i], NULL) == -1)
                die_child("sigaction");
    }
    if (unused != -1 && close(unused) == -1) /* the next stage's end */
        die_child("close");
    if (s->in != NULL) { /* < wins over the pipe */
        if (in != -1 && close(in) == -1)
            die_child("close");
        if ((in = open(s->in, O_RDONLY)) == -1)
            die_child(s->in);
    }
    if (s->out != NULL) { /* > too */
        if (out != -1 && close(out) == -1)
            die_child("close");
        if ((out = open(s->out, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1)
            die_child(s->out);
    }
    if (in != -1 && (dup2(in, STDIN_FILENO) == -1 || close(in) == -1))
        die_child("dup2");
    if (out != -1 && (dup2(out, STDOUT_FILENO) == -1 || close(out) == -1))
        die_child("dup2");
    execvp(s->argv[0], s->argv);
    report(s->argv[0]);
    _exit(errno == ENOENT ? 127 : 126); /* the shells' convention */
}
// ANCHOR_END: child
