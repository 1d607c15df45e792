# chapters/bench.awk - chapters/bench's table and verdict, from lines
# "program median-seconds N=1-median-seconds", the baseline first, and the
# variables cores and busy (how busy the CPUs were before, in %: above 10,
# no verdict, exit 3).
{ name[NR] = $1; t[NR] = $2; fixed[NR] = $3 }
END {
    serial = t[1]
    usable = cores < 10 ? cores : 10
    ideal = serial / usable
    target = 0.9 * usable
    printf "%-10s %9s %8s %24s %12s\n", "program", "median s", "speedup",
        "overhead beyond ideal", "N=1 time s"
    for (i = 1; i <= NR; i++) {
        if (i == 1)
            over = "-"
        else
            over = sprintf("%+.3f s (%+5.1f%%)", t[i] - ideal, 100 * (t[i] - ideal) / ideal)
        printf "%-10s %9.3f %8.2f %24s %12.3f\n", name[i], t[i], serial / t[i], over, fixed[i]
    }
    printf "%-10s %9.3f %8.2f %24s\n", "(ideal)", ideal, usable, "serial time / " usable
    print ""
    if (busy > 10) {
        printf "NO VERDICT  the CPUs were %d%% busy before the runs (more than 10%%): these times\n", busy
        print "            are not the programs' own; rerun make bench on an idle machine"
        exit 3
    }
    fast = slow = 2
    ok = 1
    for (i = 2; i <= NR; i++) {
        if (t[i] < t[fast]) fast = i
        if (t[i] > t[slow]) slow = i
    }
    speedup = serial / t[slow]
    verdict = speedup >= target ? "PASS" : "FAIL"
    if (verdict == "FAIL") ok = 0
    printf "%s  every parallel program at least %.2f times faster than serial (slowest: %s, %.2f)\n",
        verdict, target, name[slow], speedup
    spread = 100 * (t[slow] - t[fast]) / t[fast]
    verdict = spread <= 5 ? "PASS" : "FAIL"
    if (verdict == "FAIL") ok = 0
    printf "%s  the %d channels within 5%% of one another (%s %.3f s to %s %.3f s: %.1f%%)\n",
        verdict, NR - 1, name[fast], t[fast], name[slow], t[slow], spread
    exit !ok
}