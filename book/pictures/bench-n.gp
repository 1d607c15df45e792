# book/pictures/bench-n.gp: page 12's speedup against N, from the data
# make bench wrote (chapters/bench), drawn by book/tools/pictures.
# data: book/pictures/bench-n.dat
data = "book/pictures/bench-n.dat"
machine = system("sed -n 's/^# machine: //p' " . data)
together = real(system("sed -n 's/^# together: \\([0-9.]*\\).*/\\1/p' " . data))
cores = real(system("sed -n 's/^# machine: \\([0-9]*\\) cores.*/\\1/p' " . data))
cores = cores < 10 ? cores : 10 # the cores that ten workers can use

set terminal svg size 720,560 dynamic noenhanced font "sans,13" background "white"
set encoding utf8
set title "Speedup over pi-serial against N, 10 workers (timed from outside)\n" . machine
set xlabel "N, the terms summed (log scale)"
set ylabel "speedup over pi-serial (log scale)"
set logscale xy
set xrange [500:2e9]
set format x "10^%L"
set format y "%g"
set grid ytics
set key below horizontal maxcols 4 reverse Left
set style data linespoints
plot cores title sprintf("ideal (%d cores)", cores) dt 2 lw 2 lc rgb "gray", \
     cores / together title sprintf("%d pi-serial at once", cores) dt 3 lw 2 lc rgb "gray", \
     1 title "as fast as serial" dt 3 lw 1 lc rgb "black", \
     for [i=2:*] data using 1:i title columnheader(i) lw 2 pt 5 + 2 * i
