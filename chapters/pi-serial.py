#!/usr/bin/env python3
"""pi-serial.py [N]: chapter 8's pi-serial, in Python, for make bench.

The same terms, added in the same order, as the C program: the same
digits. It is here as the tutorial's reference point (its programs are
Python): what the interpreter costs, next to what processes cost.
"""
import math
import sys
import time


def partial_sum(k_begin, k_end):
    """The sum of 1/(2k+1)^2 for k from k_begin to k_end - 1, from 0.0 up."""
    s = 0.0
    for k in range(k_begin, k_end):
        s += 1.0 / (2 * k + 1) / (2 * k + 1)
    return s


def count(text, most):
    """Whether text is a count from 1 to most, in ASCII digits (the C
    programs' rule: N up to 10^12, WORKERS up to 100)."""
    return text.isascii() and text.isdigit() and 1 <= int(text) <= most


def main():
    args = sys.argv[1:]
    if len(args) > 1 or not all(count(a, 10**12) for a in args):
        print(f"Usage: {sys.argv[0]} [N]", file=sys.stderr)
        sys.exit(2)
    n = int(args[0]) if args else 10**8
    start = time.monotonic()
    pi = math.sqrt(8 * partial_sum(0, n))
    print(repr(pi))  # the shortest digits that read back as pi, like C's
    print(f"time: {time.monotonic() - start:.3f}")


main()
