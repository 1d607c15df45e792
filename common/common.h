/*
 * common.h - the one header every chapter shares.
 *
 * It holds only what every program would otherwise repeat: reporting a
 * failed call with the error it returned, and two ways to die after one.
 * Everything a chapter teaches (fork, kill, waitpid, signals) stays in the
 * chapter. Include it before any other header: the first line below asks
 * the C library for the POSIX functions that strict -std=c17 hides.
 */
#ifndef COMMON_H
#define COMMON_H

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Print "call: error text" on stderr, for example
 * "fork: Resource temporarily unavailable". */
static inline void report(const char *call)
{
    fprintf(stderr, "%s: %s\n", call, strerror(errno));
}

/* Report a failed call and end the process with exit status 1. exit()
 * flushes stdio buffers and runs atexit handlers: right for a parent. */
static inline void die(const char *call)
{
    report(call);
    exit(1);
}

/* The same for a child made by fork(). _exit() ends the process at once,
 * without flushing stdio buffers the child inherited from its parent: the
 * parent will flush those itself, and flushing them twice prints twice. */
static inline void die_child(const char *call)
{
    report(call);
    _exit(1);
}

#endif
