#!/usr/bin/env bash
# End-to-end timing of copydesk against Vale alone and two reference
# spellers, on generated news copy; writes bench/RESULTS.md.
#
#   bench/run.sh           the full run (about 15 minutes on a quiet 2-core machine)
#   bench/run.sh --quick   fewer runs, without the 10x inputs (a check that it works)
#
# Needs: go, hyperfine and /usr/bin/time (Debian packages hyperfine, time).
# Uses when present: misspell (installed here with go install when the Go
# module proxy serves it), codespell (Debian package codespell).
# Work files go to $BENCH_WORK (default: a temporary folder, removed at the
# end unless BENCH_KEEP=1).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

quick=0
[ "${1:-}" = "--quick" ] && quick=1

for tool in go hyperfine; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed (apt-get install hyperfine)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }

work=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/copydesk-bench-XXXXXX")}
mkdir -p "$work/bin" "$work/in"
cleanup() { [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc)
load_start=$(load)
echo "bench: $cores cores, $cpu; load average $load_start"
loaded=no
if awk -v l="${load_start%% *}" 'BEGIN { exit !(l > 1) }'; then
  loaded=yes
  echo "bench: WARNING: the load average is above 1; the figures will be slower and noisier than on a quiet machine" >&2
fi

echo "bench: building copydesk and the pinned Vale"
version=$(git describe --always --dirty 2>/dev/null || echo dev)
go build -o "$work/bin/copydesk" -ldflags "-X main.version=$version" ./cmd/copydesk
go build -o "$work/bin/vale" github.com/vale-cli/vale/v3/cmd/vale
copydesk=$work/bin/copydesk
vale=$work/bin/vale

misspell=$(command -v misspell || true)
if [ -z "$misspell" ] && GOBIN="$work/bin" go install github.com/golangci/misspell/cmd/misspell@v0.8.0 >/dev/null 2>&1; then
  misspell=$work/bin/misspell
fi
codespell=$(command -v codespell || true)

echo "bench: writing the inputs"
go run ./bench/tool gen "$work/in"
: > "$work/sizes.txt"
for f in "$work"/in/*; do
  echo "$(basename "$f") $(du -sb --apparent-size "$f" | cut -f1)" >> "$work/sizes.txt"
done

# Vale alone reads copydesk's own default configuration: the .vale.ini at
# the top of the module names styles/ beside it, which is what copydesk
# materialises and runs when a user has none.
vale_cmd="$vale --no-global --no-exit --output=JSON --config=$root/.vale.ini"
# copydesk's default configuration is found upwards from the files; the
# inputs live outside the module, so it is the built-in default there too.
export COPYDESK_VALE=$vale

inputs=(article.txt batch300 1mb.txt)
[ $quick = 1 ] || inputs+=(batch3000 10mb.txt 10mb-line.txt)

runs_for() {
  if [ $quick = 1 ]; then echo 2; return; fi
  case $1 in
    article.txt) echo 20 ;;
    batch300|1mb.txt) echo 7 ;;
    *) echo 3 ;;
  esac
}

for in in "${inputs[@]}"; do
  p=$work/in/$in
  runs=$(runs_for "$in")
  echo "bench: $in ($runs runs)"
  cmds=(-n copydesk "$copydesk check --quiet --format jsonl $p"
        -n copydesk-no-vale "$copydesk check --quiet --no-vale --format jsonl $p")
  # Vale alone on a 10 MB line is no comparison anyone needs: it is there
  # to show copydesk's own cost stays linear
  if [ "$in" != 10mb-line.txt ]; then
    cmds+=(-n vale "$vale_cmd $p")
    [ -n "$misspell" ] && cmds+=(-n misspell "$misspell -q $p")
    [ -n "$codespell" ] && cmds+=(-n codespell "codespell -q 3 $p")
  fi
  hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/time-$in.json" "${cmds[@]}"
  # peak memory: each command once more under /usr/bin/time
  for ((k = 0; k < ${#cmds[@]}; k += 3)); do
    name=${cmds[k+1]}
    read -r -a argv <<< "${cmds[k+2]}"
    /usr/bin/time -v -o "$work/rss-$in-$name.txt" "${argv[@]}" > /dev/null 2>&1 || true
  done
done

if [ $quick = 0 ]; then
  echo "bench: memory on 50 MB"
  /usr/bin/time -v -o "$work/rss-50mb.txt-copydesk-no-vale.txt" "$copydesk" check --quiet --no-vale --format jsonl "$work/in/50mb.txt" > /dev/null 2>&1 || true
fi

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu=$cpu"
  echo "cores=$cores"
  echo "load_start=$load_start"
  echo "load_end=$(load)"
  echo "loaded=$loaded"
  echo "go=$(go version | cut -d' ' -f3-)"
  echo "vale=$(go list -m -f '{{.Version}}' github.com/vale-cli/vale/v3) (pinned in go.mod)"
  echo "copydesk=$("$copydesk" version)"
  [ -n "$misspell" ] && echo "misspell=v0.8.0"
  [ -n "$codespell" ] && echo "codespell=$(codespell --version)"
  if [ $quick = 1 ]; then echo "runs=2 (--quick)"; else echo "runs=20 (article), 7 (batch300, 1 MB), 3 (the rest); one warm-up each"; fi
} > "$work/facts.txt"

go run ./bench/tool report -work "$work" -out bench/RESULTS.md
echo "bench: wrote bench/RESULTS.md (load average at the end: $(load))"
