# book/pictures/process-cost.gp: chapter 19's figures, as its program
# printed them in expected/19-process-cost.txt (make bless-19-process-cost),
# drawn by book/tools/pictures (make book), run from the top of the tree.
# data: expected/19-process-cost.txt
data = "expected/19-process-cost.txt"
machine = system("sed -n 's/^machine: //p' " . data)
rows = "< grep 'MiB:' " . data

set terminal svg size 720,480 dynamic noenhanced font "sans,13" background "white"
set encoding utf8
set title "Making one child or thread and waiting for it (median)\n" . machine
set xlabel "memory the parent has touched (MiB)"
set ylabel "microseconds, log scale"
set logscale y
set format y "%.0f"
set grid ytics
set key outside right center reverse Left
set offsets 0.2, 0.2, 0, 0
set style data linespoints
plot rows using 0:8:xticlabels(1) title "fork+write" lw 2 pt 7, \
     rows using 0:6 title "fork+exec" lw 2 pt 5, \
     rows using 0:3 title "fork" lw 2 pt 9, \
     rows using 0:7 title "spawn" lw 2 pt 11, \
     rows using 0:4 title "vfork" lw 2 pt 13 lc rgb "#8b6914", \
     rows using 0:5 title "thread" lw 2 pt 4
