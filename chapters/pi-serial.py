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


def main():
    if len(sys.argv) > 2 or not all(a.isdigit() and int(a) > 0 for a in sys.argv[1:]):
        print(f"Usage: {sys.argv[0]} [N]", file=sys.stderr)
        sys.exit(2)
    n = int(sys.argv[1]) if len(sys.argv) == 2 else 10**8
    start = time.monotonic()
    pi = math.sqrt(8 * partial_sum(0, n))
    print(repr(pi))  # the shortest digits that read back as pi, like C's
    print(f"time: {time.monotonic() - start:.3f}")


main()
