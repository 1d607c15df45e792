#!/bin/sh
# book/tools/chromium.sh: headless Chromium, as book/tools/check-html (which
# opens every page) and book/tools/pdf (which prints the book) both run it.
# Sourced by them, not run; its messages begin with the caller's name, and
# its exit status 77 (Chromium missing or unable to start) makes the tests
# skip. Sourcing it sets $chromium to the browser, $CHROMIUM or the first of
# chromium, chromium-browser, google-chrome on the PATH, and $tmp to a
# temporary directory, removed at exit unless KEEP is set.

chromium=${CHROMIUM:-}
for candidate in chromium chromium-browser google-chrome; do
    if [ -z "$chromium" ] && command -v "$candidate" >/dev/null 2>&1; then
        chromium=$candidate
    fi
done
if [ -z "$chromium" ]; then
    echo "${0##*/}: no chromium here (Debian: apt-get install chromium, or make deps)" >&2
    exit 77
fi
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT INT TERM

# chrome ARG...: the browser, headless, with ARGs (give it a --user-data-dir
# in $tmp), its complaints appended to $tmp/stderr; it fails by making
# nothing. As root, on a machine without a network: no sandbox (it needs
# user namespaces root does not get here), no GPU, and none of the
# background connections Chromium would otherwise try at start; the GPU
# work in the browser process, and no software GPU at all: fewer processes,
# half the CPU time. Its own temporary files go into $tmp too, so that a
# browser stopped by the timeout (five minutes: a loaded machine is slow,
# a hung browser is not) leaves none behind.
chrome() {
    TMPDIR=$tmp timeout -k 5 300 "$chromium" --headless --no-sandbox --disable-gpu \
        --in-process-gpu --disable-software-rasterizer \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-extensions \
        --hide-scrollbars "$@" 2>>"$tmp/stderr" || true
}

# chrome_failed WHAT, after a run that made nothing: exit 77 if Chromium
# cannot start at all, else say WHAT and what Chromium said (the end of
# $tmp/stderr, without the noise of a machine with no D-Bus and of Debian's
# wrapper script), and exit 1.
chrome_failed() {
    if chrome --user-data-dir="$tmp/profile-probe" --dump-dom "data:text/html,<title>ok</title>" |
        grep -q '<title>ok</title>'; then
        echo "${0##*/}: $1; Chromium said:"
        status=1
    else
        echo "${0##*/}: $chromium cannot start here:"
        status=77
    fi
    grep -v -e dbus -e 'unexpected operator' "$tmp/stderr" | tail -n 5
    exit $status
}
