# tests/normalize.awk - the rules of tests/normalize (see there), with the
# variables child, children and repeat that it passes.
BEGIN {
    lo = hi = 0
    if (repeat != "") {
        split(repeat, r, "-")
        lo = r[1] + 0
        hi = r[2] + 0
    }
}
{
    line = $0
    gsub(/pid [0-9]+/, "pid <pid>", line)
    sub(/^ret = \([0-9]+, /, "ret = (<pid>, ", line)
    sub(/^time: [0-9.]+$/, "time: <seconds>", line)
    sub(/^machine: .+$/, "machine: <machine>", line)
    if (line ~ /^ *[0-9]+ MiB:( +[0-9]+\.[0-9]+)+$/) {
        sub(/^ */, "", line)
        gsub(/ +[0-9]+\.[0-9]+/, " <us>", line)
    }
    if (line ~ /^ *PID +PPID +S +COMMAND$/) {
        line = "PID PPID S COMMAND"
    } else if (line ~ /^ *[0-9]+ +[0-9]+ [A-Z] /) {
        state = $3
        command = $0
        sub(/^ *[0-9]+ +[0-9]+ [A-Z] +/, "", command)
        sub(/^[^ ]*\//, "", command)
        line = "<pid> <pid> " state " " command
    }
    if (child != "" && line ~ child)
        own[++nown] = line
    else if (children != "" && line ~ children)
        many[++nmany] = line
    else
        main[++nmain] = line
}
function emit(a, n, mark,    i, j, k, count) {
    for (i = 1; i <= n; i = j) {
        for (j = i + 1; j <= n && a[j] == a[i]; j++)
            ;
        count = j - i
        if (hi == 0 || count == 1)
            for (k = i; k < j; k++)
                print mark a[k]
        else if (count >= lo && count <= hi)
            print mark a[i] " [repeated " lo "-" hi " times]"
        else
            print mark a[i] " [repeated " count " times]"
    }
}
END {
    emit(main, nmain, "")
    emit(own, nown, "child| ")
    for (i = 2; i <= nmany; i++)      # insertion sort: a few lines at most
        for (j = i; j > 1 && many[j - 1] > many[j]; j--) {
            t = many[j]; many[j] = many[j - 1]; many[j - 1] = t
        }
    emit(many, nmany, "children| ")
}