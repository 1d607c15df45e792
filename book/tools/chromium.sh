#!/bin/sh
# book/tools/chromium.sh: headless Chromium, as book/tools/check-html (which
# opens every page) and book/tools/pdf (which prints the book) both run it.
# Sourced by them, not run:
#
#   find_chromium           set $chromium to the browser: $CHROMIUM, or the
#                           first of chromium, chromium-browser,
#                           google-chrome on the PATH; if there is none,
#                           say so and return 1
#   chrome ARG...           run it headless, with the flags below and ARGs
#                           (give each run a fresh --user-data-dir)
#   chrome_starts DIR LOG   whether it starts at all (with a profile in DIR,
#                           its complaints appended to LOG); if not, say why
#                           and return 1
#
# Their messages begin with the caller's name. The callers exit with status
# 77 when Chromium is missing or cannot start, and the tests skip then.

find_chromium() {
    chromium=${CHROMIUM:-}
    if [ -z "$chromium" ]; then
        for candidate in chromium chromium-browser google-chrome; do
            if command -v "$candidate" >/dev/null 2>&1; then
                chromium=$candidate
                break
            fi
        done
    fi
    if [ -z "$chromium" ]; then
        echo "${0##*/}: no chromium here (Debian: apt-get install chromium, or make deps)"
        return 1
    fi
}

# Headless, as root, on a machine without a network: no sandbox (it needs
# user namespaces root does not get here), no GPU, and none of the
# background connections Chromium would otherwise try at start.
# The GPU work in the browser process, and no software GPU at all: fewer
# processes, half the CPU time.
chrome() {
    timeout -k 5 60 "$chromium" --headless --no-sandbox --disable-gpu \
        --in-process-gpu --disable-software-rasterizer \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-extensions \
        --hide-scrollbars "$@"
}

# What Chromium said, without the noise of a machine with no D-Bus (and of
# Debian's wrapper script).
chrome_said() {
    grep -v -e dbus -e 'unexpected operator' "$1" | tail -n 5
}

chrome_starts() {
    if ! chrome --user-data-dir="$1" --dump-dom "data:text/html,<title>ok</title>" \
        2>>"$2" | grep -q '<title>ok</title>'; then
        echo "${0##*/}: $chromium cannot start here:"
        chrome_said "$2"
        return 1
    fi
}
