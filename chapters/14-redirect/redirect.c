// ANCHOR: includes
/*
 * redirect - what a shell does for "echo hello > out.txt", and what
 * processes share through a file descriptor.
 *
 * Part 3 of the book, beyond the original tutorial. In a directory of its
 * own under $TMPDIR (default /tmp), removed at the end, it shows
 *  1. the shell's ">": the child opens out.txt, dup2()s it onto its stdout
 *     and execs echo, which writes into the file without knowing it;
 *  2. log.txt opened once, before fork(): parent and child share one
 *     offset, so the parent's lines follow the child's;
 *  3. log.txt opened again by the child: two offsets, both starting at 0,
 *     and the parent's lines overwrite the child's;
 *  4. a descriptor opened without O_CLOEXEC is still open in the program
 *     the child execs, one opened with it is not (sh looks in /proc, which
 *     is Linux's).
 *
 * Usage: ./redirect
 */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
// ANCHOR_END: includes

// ANCHOR: helpers
static int failures; /* children that did not exit 0 */

/* Wait for the child pid; say on stderr if it did not exit 0. */
static void reap(pid_t pid)
{
    int status;
    if (waitpid(pid, &status, 0) == -1)
        die("waitpid");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return;
    failures++;
    if (WIFSIGNALED(status))
        fprintf(stderr, "child pid %ld was killed by signal %d (%s)\n",
                (long)pid, WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        fprintf(stderr, "child pid %ld exited with status %d\n", (long)pid,
                WEXITSTATUS(status));
}

/* Print each line of the file name as "name: line". */
static void show(const char *name)
{
    FILE *file = fopen(name, "r");
    if (file == NULL)
        die(name);
    char line[256];
    while (fgets(line, sizeof line, file) != NULL)
        printf("%s: %s", name, line);
    if (ferror(file) || fclose(file) == EOF)
        die(name);
}

/* Our directory under TMPDIR, once made. */
static char dir[4096];

/* Remove the files we may have made in dir, then dir: 0, or -1 after
   saying what could not be removed. */
static int remove_dir(void)
{
    static const char *const names[] = {"out.txt", "log.txt"};
    int result = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[sizeof dir + 16];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (unlink(path) == -1 && errno != ENOENT) {
            report(path);
            result = -1;
        }
    }
    if (rmdir(dir) == -1) {
        report(dir);
        result = -1;
    }
    dir[0] = '\0'; /* done: nothing more to remove */
    return result;
}

/* Run by exit(), so by die() too: a run that fails midway removes its
   directory all the same. A child, which leaves with _exit(), never runs
   it (nor does a program exec'd, which has none of our code). */
static void remove_dir_at_exit(void)
{
    if (dir[0] != '\0')
        remove_dir();
}
// ANCHOR_END: helpers

// ANCHOR: directory
int main(int argc, char *argv[])
{
    if (argc > 1) { /* no arguments to take */
        fprintf(stderr, "Usage: %s\n", argv[0]);
        return 2;
    }
    if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
        die("setvbuf");
    /* open() returns the lowest free descriptor: if 1 were closed, the
       first file we open would become our stdout. Refuse to run so. */
    if (fcntl(STDOUT_FILENO, F_GETFD) == -1)
        die("stdout");

    const char *tmpdir = getenv("TMPDIR");
    if (tmpdir == NULL || tmpdir[0] != '/')
        tmpdir = "/tmp";
    char name[sizeof dir];
    int length = snprintf(name, sizeof name, "%s/redirect.XXXXXX", tmpdir);
    if (length < 0 || length >= (int)sizeof name) {
        fprintf(stderr, "redirect: TMPDIR is too long\n");
        return 1;
    }
    if (atexit(remove_dir_at_exit) != 0) { /* (it sets no errno) */
        fprintf(stderr, "redirect: atexit() failed\n");
        return 1;
    }
    if (mkdtemp(name) == NULL)
        die("mkdtemp");
    strcpy(dir, name); /* made: from now on, removed at exit */
    if (chdir(dir) == -1)
        die("chdir");
    // ANCHOR_END: directory

    // ANCHOR: redirect
    printf("1. echo hello > out.txt\n");
    pid_t pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        int fd =
            open("out.txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd == -1)
            die_child("out.txt");
        if (dup2(fd, STDOUT_FILENO) == -1) /* 1 now means out.txt */
            die_child("dup2");
        execlp("echo", "echo", "hello", (char *)NULL);
        report("echo");
        _exit(errno == ENOENT ? 127 : 126);
    }
    reap(pid);
    struct stat about;
    if (stat("out.txt", &about) == -1)
        die("out.txt");
    printf("out.txt: mode %03o\n", (unsigned)(about.st_mode & 0777));
    show("out.txt");
    // ANCHOR_END: redirect

    // ANCHOR: offset
    for (int shared = 1; shared >= 0; shared--) {
        printf(shared ? "2. log.txt opened once, before fork()\n"
                      : "3. log.txt opened again by the child\n");
        int fd =
            open("log.txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd == -1)
            die("log.txt");
        pid = fork();
        if (pid == -1)
            die("fork");
        if (pid == 0) {
            if (!shared) { /* an open file of its own: its own offset */
                if (close(fd) == -1)
                    die_child("close");
                fd = open("log.txt", O_WRONLY | O_CLOEXEC);
                if (fd == -1)
                    die_child("log.txt");
            }
            for (int i = 1; i <= 3; i++)
                if (dprintf(fd, "child %d\n", i) < 0)
                    die_child("log.txt");
            _exit(0);
        }
        reap(pid); /* the child has written all its lines */
        for (int i = 1; i <= 2; i++)
            if (dprintf(fd, "parent %d\n", i) < 0)
                die("log.txt");
        if (close(fd) == -1)
            die("close");
        show("log.txt");
    }
    // ANCHOR_END: offset

    // ANCHOR: cloexec
    printf("4. what sh inherits\n");
    int leaky = open("/etc/passwd", O_RDONLY); /* no O_CLOEXEC: a leak */
    int tight = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
    if (leaky == -1 || tight == -1)
        die("/etc/passwd");
    printf("parent: /etc/passwd on descriptors %d (no O_CLOEXEC) and %d "
           "(O_CLOEXEC)\n",
           leaky, tight);
    pid = fork();
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        char one[16], two[16];
        snprintf(one, sizeof one, "%d", leaky);
        snprintf(two, sizeof two, "%d", tight);
        execlp("sh", "sh", "-c",
               "for fd; do if [ -e /proc/$$/fd/$fd ]; then "
               "echo \"sh: descriptor $fd is open: "
               "$(readlink /proc/$$/fd/$fd)\"; "
               "else echo \"sh: descriptor $fd is closed\"; fi; done",
               "sh", one, two, (char *)NULL);
        report("sh");
        _exit(errno == ENOENT ? 127 : 126);
    }
    reap(pid);
    if (close(leaky) == -1 || close(tight) == -1)
        die("close");
    // ANCHOR_END: cloexec

    // ANCHOR: cleanup
    int removed = remove_dir();
    close_stdout();
    return failures == 0 && removed == 0 ? 0 : 1;
}
// ANCHOR_END: cleanup
