#!/usr/bin/env python3
"""pi-pipe.py [N [WORKERS]]: chapter 11's pi-pipe, in Python, for make bench.

Worker i sums slice i of the N terms (the C program's bounds) and writes
the 8 bytes of a double into a pipe of its own; the parent reads each pipe
to its end, in slice order, reaps that worker, and adds the sums in slice
order: the same digits as the C program. A worker that fails is reported
and no pi printed.
"""
import math
import os
import struct
import sys
import time


def partial_sum(k_begin, k_end):
    """The sum of 1/(2k+1)^2 for k from k_begin to k_end - 1, from 0.0 up."""
    s = 0.0
    for k in range(k_begin, k_end):
        s += 1.0 / (2 * k + 1) / (2 * k + 1)
    return s


def worker(n, workers, i, write_end):
    """In the child: sum slice i, send it, and leave without cleanup."""
    try:
        s = partial_sum(n * i // workers, n * (i + 1) // workers)
        os.write(write_end, struct.pack("d", s))
        os._exit(0)
    except BaseException:  # anything at all: fail, never return to main
        os._exit(1)


def count(text, most):
    """Whether text is a count from 1 to most, in ASCII digits (the C
    programs' rule: N up to 10^12, WORKERS up to 100)."""
    return text.isascii() and text.isdigit() and 1 <= int(text) <= most


def main():
    args = sys.argv[1:]
    if len(args) > 2 or not all(count(a, m) for a, m in zip(args, (10**12, 100))):
        print(f"Usage: {sys.argv[0]} [N [WORKERS]]", file=sys.stderr)
        sys.exit(2)
    n = int(args[0]) if args else 10**8
    workers = int(args[1]) if len(args) == 2 else 10
    start = time.monotonic()
    children = []  # (pid, read end), in slice order
    for i in range(workers):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            for _, earlier in children:  # the earlier workers' read ends
                os.close(earlier)
            os.close(read_end)
            worker(n, workers, i, write_end)
        os.close(write_end)  # else read() would never see end of file
        children.append((pid, read_end))
    sums, failed = [], False
    for i, (pid, read_end) in enumerate(children):
        data = b""
        while chunk := os.read(read_end, 9 - len(data)):
            data += chunk
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
        if status != 0 or len(data) != 8:
            print(f"pi-pipe.py: worker {i} (pid {pid}) failed", file=sys.stderr)
            failed = True
        else:
            sums.append(struct.unpack("d", data)[0])
    if failed:
        sys.exit(1)
    total = 0.0
    for s in sums:
        total += s
    print(repr(math.sqrt(8 * total)))
    print(f"time: {time.monotonic() - start:.3f}")


main()
