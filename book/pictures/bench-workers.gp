# book/pictures/bench-workers.gp: page 12's speedup against WORKERS, from
# the data make bench wrote (chapters/bench), drawn by book/tools/pictures.
# data: book/pictures/bench-workers.dat
data = "book/pictures/bench-workers.dat"
machine = system("sed -n 's/^# machine: //p' " . data)
together = real(system("sed -n 's/^# together: \\([0-9.]*\\).*/\\1/p' " . data))
cores = real(system("sed -n 's/^# machine: \\([0-9]*\\) cores.*/\\1/p' " . data))
usable = cores < 10 ? cores : 10 # the pi-serial run at once: one per core, at most 10

set terminal svg size 720,560 dynamic noenhanced font "sans,13" background "white"
set encoding utf8
set title "Speedup over pi-serial against workers, N = 10^8 (timed from outside)\n" . machine
set xlabel "workers (processes or threads), log scale"
set ylabel "speedup over pi-serial"
set logscale x 2
set xtics (1, 2, 4, 8, 10, 16, 32)
set yrange [0:*]
set grid ytics
set key below horizontal maxcols 4 reverse Left
set style data linespoints
plot (x < cores ? x : cores) title sprintf("ideal (%d cores)", cores) dt 2 lw 2 lc rgb "gray", \
     (x >= usable ? usable / together : 1/0) title sprintf("%d pi-serial at once", usable) dt 3 lw 2 lc rgb "gray", \
     for [i=2:*] data using 1:i title columnheader(i) lw 2 pt 5 + 2 * i
