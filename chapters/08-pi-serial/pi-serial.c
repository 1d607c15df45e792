// ANCHOR: includes
/*
 * pi-serial - pi from the first N terms of a series, in one process.
 *
 * Mirrors the first program of "多进程并行计算实例" (a parallel computing
 * example with several processes) in the original tutorial: the baseline
 * the parallel programs of chapters 9 to 11 are measured against. It sums
 * 1/(2k+1)^2 for k from 0 to N - 1 (default 10^8), in that order, and
 * prints sqrt(8 * sum), then the wall time taken. The defaults print
 * 3.141592647851581, the tutorial's own number.
 *
 * Usage: ./pi-serial [N]
 * Libraries: -lm
 */
#include "common.h"

#include <math.h>
// ANCHOR_END: includes

// ANCHOR: main
int main(int argc, char *argv[])
{
    long long n;
    parse_args(argc, argv, &n, NULL);

    double start = seconds();
    double pi = sqrt(8 * partial_sum(0, n));
    double elapsed = seconds() - start;

    print_shortest(pi);
    printf("time: %.3f\n", elapsed);
    close_stdout(); /* a failed write of the result must not exit 0 */
    return 0;
}
// ANCHOR_END: main
