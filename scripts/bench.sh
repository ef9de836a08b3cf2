#!/usr/bin/env bash
# Benchmark of `vacancy build` on synthetic boards (issue 6; results in BENCHMARKS.md).
#
#   scripts/bench.sh                 # 1,000 / 10,000 / 50,000 / 100,000 postings per language
#   scripts/bench.sh 1000 10000      # only these sizes
#
# For each size it generates a board with the `synth` example (once; reused
# while the generator and seed are unchanged), then times a full build into an
# empty output folder with hyperfine (wall time: median, min, max) and measures
# peak memory with /usr/bin/time -v (maximum resident set size).
#
# Environment:
#   BENCH_DIR  scratch folder for boards and results (default: target/bench)
#   OUT_DIR    where the built sites go (default: BENCH_DIR; ~6 GB free for 100,000).
#              Put it on the kind of disk you deploy from. On ext4 *without a
#              journal* (some VM images), creating files within minutes of
#              deleting tens of thousands costs several times more: the kernel
#              skips recently deleted inodes one by one. Each timed run deletes
#              the last output, so there use a journaled ext4. Its journal
#              matters too: mkfs.ext4 gives a 14 GiB filesystem a 64 MiB
#              journal, which a large build fills, and then waits while it is
#              written back (10,000 postings: 3.4 s instead of 2.6 s); a disk
#              of 128 GiB or more gets 1 GiB. The figures in BENCHMARKS.md:
#                truncate -s 14G fs.img && mkfs.ext4 -q -J size=1024 fs.img
#                mount -o loop fs.img /mnt/bench && OUT_DIR=/mnt/bench scripts/bench.sh
#              Before each run the last output is deleted and the disk synced,
#              so no run pays for writing back the one before.
#   RUNS       timed runs per size (default: 5 up to 10,000, 3 above)
#   WARMUP     untimed runs first (default: 1)
#   SEED       generator seed (default: 6)
#   PHASES=1   also time the build's parts in-process (synth phases; slow at 100,000)
#
# Needs: cargo, hyperfine (Debian: apt-get install hyperfine), GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

NOW="2026-06-15T12:00:00+02:00" # the moment the synthetic boards are made for
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 50000 100000)
BENCH_DIR="${BENCH_DIR:-target/bench}"
SEED="${SEED:-6}"
WARMUP="${WARMUP:-1}"

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool is missing (Debian: apt-get install -y hyperfine time)" >&2
        exit 1
    }
done

mkdir -p "$BENCH_DIR"
BENCH_DIR="$(cd "$BENCH_DIR" && pwd)"
mkdir -p "$BENCH_DIR/boards" "$BENCH_DIR/results"
OUT_DIR="${OUT_DIR:-$BENCH_DIR}"
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"

cargo build --release --locked --bin vacancy --example synth
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
BIN="$TARGET_DIR/release/vacancy"
SYNTH="$TARGET_DIR/release/examples/synth"

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory; $(uname -sr)"
echo "output on: $(df -T "$OUT_DIR" | awk 'NR == 2 {print $2 " (" $1 ")"}')"
echo "vacancy: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src themes 2>/dev/null || echo ' (modified)')"

summary="$BENCH_DIR/results/summary.md"
{
    echo "| postings per language | wall median s | min s | max s | µs per posting | peak RSS MB | pages+files |"
    echo "|---|---|---|---|---|---|---|"
} >"$summary"

for N in "${SIZES[@]}"; do
    board="$BENCH_DIR/boards/$N"
    out="$OUT_DIR/out-$N"
    "$SYNTH" --postings "$N" --seed "$SEED" --out "$board" --reuse
    runs="${RUNS:-$([ "$N" -le 10000 ] && echo 5 || echo 3)}"
    echo "== $N postings per language: $runs runs after $WARMUP warm-up"
    build=("$BIN" build --root "$board" --now "$NOW" --output "$out" --quiet)
    hyperfine --style basic --warmup "$WARMUP" --runs "$runs" \
        --prepare "rm -rf '$out' && sync" \
        --export-csv "$BENCH_DIR/results/$N.csv" \
        --export-json "$BENCH_DIR/results/$N.json" \
        "$(printf '%q ' "${build[@]}")"

    rm -rf "$out" && sync
    /usr/bin/time -v "${build[@]}" 2>"$BENCH_DIR/results/$N.time"
    rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$BENCH_DIR/results/$N.time")"
    files="$(find "$out" -type f | wc -l)"
    rm -rf "$out"

    # hyperfine's CSV: command,mean,stddev,median,user,system,min,max
    awk -F, -v n="$N" -v rss="$rss_kb" -v files="$files" 'NR == 2 {
        printf "| %d | %.3f | %.3f | %.3f | %.1f | %.0f | %d |\n",
            n, $4, $7, $8, $4 / n * 1e6, rss / 1024, files
    }' "$BENCH_DIR/results/$N.csv" >>"$summary"

    if [ "${PHASES:-0}" = 1 ]; then
        "$SYNTH" phases --root "$board" --now "$NOW" --runs 3 --scratch "$BENCH_DIR/phases" |
            tee "$BENCH_DIR/results/$N.phases"
    fi
done

echo
cat "$summary"
echo "(results in $BENCH_DIR/results)"
