#!/usr/bin/env bash
# Duplicate detection on a Reuters-derived corpus: the cost (indexing time,
# peak memory and index size with and without it) and the quality (pairwise
# precision and recall of the groups).
#
#   tests/dups/measure.sh BIN_DIR ARTICLES WORK_DIR [REUTERS_DIR]
#
# BIN_DIR holds the econ-archive and gen-corpus binaries (target/release
# after `cargo build --release -p econ-archive -p gen-corpus`); WORK_DIR
# receives the corpus, both indexes and the figures (WORK_DIR/figures.txt).
set -euo pipefail
bin=$1 n=$2 work=$3
reuters=${4:-"$(dirname "$0")/../../../shared/corpora/reuters21578"}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
out="$work/figures.txt"
: > "$out"
say() { echo "$*" | tee -a "$out"; }

if [ ! -s "$work/reuters.jsonl" ]; then
  "$bin/econ-archive" extract "$reuters" --no-enrich --format jsonl > "$work/reuters.jsonl" 2>/dev/null
fi
if [ ! -d "$work/corpus-$n" ]; then
  "$bin/gen-corpus" --articles "$n" --out "$work/corpus-$n" \
    --scale-from "$work/reuters.jsonl" --reprints >/dev/null
fi
say "corpus: $n articles, $(du -sbL "$work/corpus-$n" | cut -f1) bytes"

run() { # name, extra flags…
  local name=$1; shift
  rm -rf "$work/idx-$name"
  /usr/bin/time -f "%e s wall, %U s user, %M KB peak" -o "$work/time-$name" \
    "$bin/econ-archive" index "$work/corpus-$n" --index "$work/idx-$name" --quiet "$@"
  say "$name: $(cat "$work/time-$name"); index $(du -sb "$work/idx-$name" | cut -f1) bytes"
}
run no-dups --no-dups
run dups
dups_file="$work/idx-dups/econ-archive-dups.bin"
[ -f "$dups_file" ] && say "of which econ-archive-dups.bin: $(stat -c %s "$dups_file") bytes"

"$bin/econ-archive" search '*' --all --format csv --no-snippets \
  --index "$work/idx-dups" --output "$work/groups.csv" 2>/dev/null
say "pairwise: $(python3 "$here/scaled_pr.py" "$work/groups.csv" "$work/reuters.jsonl" \
  --venv "$here/../../target/dups-venv")"
