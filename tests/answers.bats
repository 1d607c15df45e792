#!/usr/bin/env bats
# The worked answers are run (issue 9): every console block of
# book/answers.md runs with cram from the top of a fresh copy of the built
# tree (book/tools/blocks), and an answer that changes a program is a patch,
# book/answers/NN-slug-K.patch, shown by answers.md and applied, built
# (cc with -Werror) and run by one of its checked blocks.
# bats file_tags=slow

setup() {
    load helpers
}

@test "answers: every console block of answers.md prints what the page shows, patches applied" {
    run timeout -k 2 1200 "$TOP/book/tools/blocks" book/answers.md
    assert_success
}

@test "answers: every file of book/answers/ is a patch that answers.md shows and a checked block applies" {
    local dir=$BATS_TEST_TMPDIR/t file name missing=""
    mkdir "$dir"
    "$TOP/book/tools/blocks" --extract "$dir" book/answers.md
    for file in "$TOP"/book/answers/*; do
        [ -e "$file" ] || continue
        name=book/answers/${file##*/}
        case $name in
        *.patch) ;;
        *) missing="$missing"$'\n'"$name: not a .patch" && continue ;;
        esac
        grep -q -x -F "<!-- include: $name -->" "$TOP/book/answers.md" ||
            missing="$missing"$'\n'"$name: answers.md does not include it"
        cat "$dir"/*.t 2>/dev/null | grep -q -F "  \$ { patch -s -p1 < $name" ||
            missing="$missing"$'\n'"$name: no checked block of answers.md applies it ('\$ patch -s -p1 < $name')"
    done
    [ -z "$missing" ] || fail "answer patches:$missing"
}

@test "answers: a patch that no longer applies fails, naming the page and the block" {
    local tree=$BATS_TEST_TMPDIR/tree
    mkdir -p "$tree/book/tools" "$tree/book/answers" "$tree/tests" "$tree/chapters/01-x"
    cp "$TOP/book/tools/blocks" "$tree/book/tools/"
    cp "$TOP/tests/normalize" "$TOP/tests/normalize.awk" "$tree/tests/"
    cp "$TOP/chapters/run" "$tree/chapters/"
    printf 'int main(void) { return 0; }\n' >"$tree/chapters/01-x/x.c"
    printf '%s\n' '--- a/chapters/01-x/x.c' '+++ b/chapters/01-x/x.c' '@@ -1 +1 @@' \
        '-int main(void) { return 0; }' '+int main(void) { return 3; }' \
        >"$tree/book/answers/01-x-1.patch"
    printf '%s\n' '# A' '' '```console' '$ patch -s -p1 < book/answers/01-x-1.patch' \
        '$ cc -o chapters/01-x/x chapters/01-x/x.c && chapters/01-x/x; echo $?' '3' \
        '```' >"$tree/book/answers.md"
    run timeout -k 2 60 "$tree/book/tools/blocks" book/answers.md
    assert_success
    printf 'int main(void) { return 1; }\n' >"$tree/chapters/01-x/x.c"
    run timeout -k 2 60 "$tree/book/tools/blocks" book/answers.md
    assert_failure
    assert_output --partial '--- book-answers.md-3.t'
    assert_output --partial 'FAILED'
}
