# chapters/bench.awk - chapters/bench's table and verdict. Input, a line
# each, the serial program first:
#   serial  MEDIAN Q1 Q3 - - TOGETHER-MEDIAN TOGETHER-Q1 TOGETHER-Q3
#   program MEDIAN Q1 Q3 W1 W32
# in seconds: the quartiles of the runs at N=10^8 and 10 workers; W1 and
# W32 a program's medians at N=1 with 1 and with 32 workers (timed from
# outside); TOGETHER the serial program's time when one copy runs on each
# core at once. Variables: runs, cores, workers (10), fork_us and thread_us
# (chapter 19's fork+_exit+waitpid and pthread_create+join, microseconds),
# busy (how busy the CPUs were before, in %: above 10, no verdict and exit
# 3, unless busy_ok is 1).
#
# The costs. One more worker with nothing to sum costs a program
# c = (W32 - W1) / 31. The shared-memory program sends no message (its
# worker stores 8 bytes in memory), so a channel's message costs
# c - c(shm). A worker is charged a whole process (fork_us, timed by
# chapter 19 one fork, exit and reap after another) and its message; a
# thread, thread_us. That is more than c itself, since a pi parent forks
# its next worker while the last one exits on the other core: the
# prediction is an upper bound of the workers' cost.
# The prediction: the parent makes the workers and collects their sums
# while the cores sum, so W workers' costs are shared by the cores like the
# arithmetic, W cost / cores; what comes after every sum is done (the last
# exits and reaps, the last read) runs on its own: we charge one cost for
# it. And when every core sums at once, each may go slower than one alone
# (a shared cache, a busy host) or faster (a host that favours a virtual
# machine whose cores are all busy): the ideal, times TOGETHER / the
# serial MEDIAN. So
#   predicted = ideal (together / serial - 1) + cost (W / cores + 1),
# with cores at most W. Not counted: what a run costs once, whatever W
# (connecting to Redis, making a directory, mapping a page): under a
# millisecond here. What is judged, overhead - predicted, is the program's
# time less together / cores and the workers' costs: the serial median
# drops out.
# The margin is three standard errors of that difference (the program's
# median less together's share): a median of R runs has a standard error
# of about 1.2533 sigma / sqrt(R), and sigma is estimated as the
# interquartile range / 1.349, which a few runs slowed by the host do not
# move. Were a program's overhead exactly its prediction, noise alone would
# fail it about once in 200 judgements (0.13% for a normal noise, more
# since the IQR of 11 runs is itself uncertain; by simulation 0.5%), and
# one make bench in 40 would show a FAIL of its five programs by chance.
# A program passes when its overhead is at most predicted + margin.
{ name[NR] = $1; t[NR] = $2; q1[NR] = $3; q3[NR] = $4; c[NR] = ($6 - $5) / 31 }
NR == 1 { together = $7; together_iqr = $9 - $8 }
name[NR] ~ /shm/ { shm = NR }
END {
    for (i = 1; i <= NR; i++)
        if (t[i] <= 0 || (i == 1 && together <= 0)) {
            printf "bench: no time for %s: nothing to judge\n", name[i] > "/dev/stderr"
            exit 2
        }
    serial = t[1]
    usable = cores < workers ? cores : workers
    ideal = serial / usable
    loss = together / serial - 1
    se = 1.2533 / 1.349 / sqrt(runs) # a median's standard error, per unit of IQR
    printf "What a worker costs on this machine (medians):\n"
    printf "  a process: fork + _exit + waitpid, small parent (chapter 19) %6.0f us\n", fork_us
    printf "  a thread: pthread_create + pthread_join (chapter 19)          %6.0f us\n", thread_us
    printf "  the cores: %d copies of %s at once take %.2f times as long as one\n",
        usable, name[1], together / serial
    printf "  %-12s %22s %22s\n", "program", "one more worker, N=1", "of which the message"
    for (i = 2; i <= NR; i++) {
        if (name[i] ~ /thread/) {
            message = "(none: a thread)"
            cost[i] = thread_us / 1e6
        } else {
            m = shm ? c[i] - c[shm] : 0
            message = i == shm ? "(none: memory)" : sprintf("%.0f us", 1e6 * m)
            cost[i] = fork_us / 1e6 + (m > 0 ? m : 0)
        }
        printf "  %-12s %19.0f us %22s\n", name[i], 1e6 * c[i], message
    }
    print ""
    printf "%-12s %8s %7s %22s %10s %8s\n", "program", "median s", "speedup",
        "overhead beyond ideal", "predicted", "margin"
    printf "%-12s %8.3f %7.2f\n", name[1], serial, 1
    for (i = 2; i <= NR; i++) {
        over[i] = t[i] - ideal
        predicted[i] = ideal * loss + cost[i] * (workers / usable + 1)
        margin[i] = 3 * se * sqrt((q3[i] - q1[i]) ^ 2 + (together_iqr / usable) ^ 2)
        printf "%-12s %8.3f %7.2f %+11.4f s (%+5.1f%%) %+8.4f s %6.4f s\n", name[i], t[i],
            serial / t[i], over[i], 100 * over[i] / ideal, predicted[i], margin[i]
    }
    printf "%-12s %8.3f %7.2f   (serial time / %d cores)\n", "(ideal)", ideal, usable, usable
    print ""
    if (busy > 10 && !busy_ok) {
        printf "NO VERDICT  the CPUs were %d%% busy before the runs (more than 10%%): these times\n", busy
        print "            are not the programs' own; rerun make bench on an idle machine"
        exit 3
    }
    if (busy > 10)
        printf "(the CPUs were %d%% busy before the runs: judged all the same, as asked)\n", busy
    ok = 1
    for (i = 2; i <= NR; i++) {
        pass = over[i] <= predicted[i] + margin[i]
        if (!pass) ok = 0
        printf "%s  %-10s overhead %+.4f s %s predicted %+.4f s + margin %.4f s\n",
            pass ? "PASS" : "FAIL", name[i], over[i], pass ? "<=" : "> ", predicted[i], margin[i]
    }
    exit !ok
}
