#!/usr/bin/env bash
# tconv-aot vs oneDNN, single thread, on the layers of bench/suite.json.
#
# For each layer: bench/gen_layer.py writes LAYER.mlir, tconv-aot compiles it
# (timed) to LAYER.o + LAYER.h, g++ -O2 builds bench/aot_vs_onednn.cpp with
# the layer's sizes against LAYER.o and -ldnnl, and the driver runs (oneDNN
# and the tconv kernel alternately, medians, outputs compared). Prints a
# table and the geometric mean of the speed ratios (tconv speed / oneDNN
# speed). Exits non-zero if any layer fails (correctness, or an error in a
# step).
#
# Usage: bench/run_aot_vs_onednn.sh [--layers a,b,...] [--out DIR]
#          [--tconv-aot-flags "..."] [--suite FILE] [--budget SECONDS]
#          [--max-time SECONDS] [--tconv-aot PATH] [--no-pin]
#   --layers            comma-separated layer names (default: every layer)
#   --out               work/output directory (default: bench/out)
#   --tconv-aot-flags   extra flags for tconv-aot (e.g. "--target-cpu=znver4")
#   --suite             suite file (default: bench/suite.json)
#   --budget            seconds per implementation per layer (default 1.5)
#   --max-time          per layer, cap on the tconv calls of very slow kernels
#                       (default 30; the driver then runs at least one call)
#   --tconv-aot         the compiler (default: build/bin/tconv-aot)
#   --no-pin            do not pin the driver to one CPU with taskset
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

LAYERS=""
OUT="$HERE/out"
AOT_FLAGS=""
SUITE="$HERE/suite.json"
BUDGET="1.5"
MAXTIME="30"
AOT="$ROOT/build/bin/tconv-aot"
PIN=1
CXX="${CXX:-g++}"
PYTHON="${PYTHON:-python3}"

usage() { sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --layers) LAYERS="$2"; shift 2 ;;
    --layers=*) LAYERS="${1#*=}"; shift ;;
    --out) OUT="$2"; shift 2 ;;
    --out=*) OUT="${1#*=}"; shift ;;
    --tconv-aot-flags) AOT_FLAGS="$2"; shift 2 ;;
    --tconv-aot-flags=*) AOT_FLAGS="${1#*=}"; shift ;;
    --suite) SUITE="$2"; shift 2 ;;
    --suite=*) SUITE="${1#*=}"; shift ;;
    --budget) BUDGET="$2"; shift 2 ;;
    --budget=*) BUDGET="${1#*=}"; shift ;;
    --max-time) MAXTIME="$2"; shift 2 ;;
    --max-time=*) MAXTIME="${1#*=}"; shift ;;
    --tconv-aot) AOT="$2"; shift 2 ;;
    --tconv-aot=*) AOT="${1#*=}"; shift ;;
    --no-pin) PIN=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run_aot_vs_onednn.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [ ! -x "$AOT" ]; then
  echo "run_aot_vs_onednn.sh: no tconv-aot at $AOT (build it: ninja -C build tconv-aot)" >&2
  exit 2
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

# Snapshot the compiler: build/bin/tconv-aot may be rebuilt while we run,
# and every layer should use the same binary (its libraries come from
# /usr/lib/llvm-22). Retry while a rebuild is writing it.
AOT_SRC="$AOT"
for attempt in $(seq 1 20); do
  if cp "$AOT_SRC" "$OUT/tconv-aot.tmp" 2>/dev/null && chmod +x "$OUT/tconv-aot.tmp" \
     && "$OUT/tconv-aot.tmp" --version > /dev/null 2>&1; then
    mv "$OUT/tconv-aot.tmp" "$OUT/tconv-aot"
    AOT="$OUT/tconv-aot"
    break
  fi
  sleep 3
done
if [ "$AOT" = "$AOT_SRC" ]; then
  echo "run_aot_vs_onednn.sh: could not snapshot a working $AOT_SRC" >&2
  exit 2
fi

GEN=("$PYTHON" "$HERE/gen_layer.py" --suite "$SUITE")
if [ -z "$LAYERS" ]; then
  mapfile -t LAYER_LIST < <("${GEN[@]}" --list) || exit 2
else
  IFS=',' read -r -a LAYER_LIST <<< "$LAYERS"
fi

# CPU count before OMP_NUM_THREADS=1 (which nproc honours).
NCPU="$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc)"

# Single thread for oneDNN (OpenMP runtime); the tconv object is
# single-threaded. Pin to one CPU so both run on the same core.
export OMP_NUM_THREADS=1
export OMP_PROC_BIND=true
export MKL_NUM_THREADS=1
unset DNNL_VERBOSE ONEDNN_VERBOSE DNNL_MAX_CPU_ISA ONEDNN_MAX_CPU_ISA
RUN_PREFIX=()
if [ "$PIN" = 1 ] && command -v taskset > /dev/null; then
  RUN_PREFIX=(taskset -c "$((NCPU - 1))")
fi

read -r -a AOT_FLAG_ARR <<< "$AOT_FLAGS"

RESULTS="$OUT/results.txt"
: > "$RESULTS"
LOG="$OUT/log.txt"
: > "$LOG"

echo "tconv-aot vs oneDNN deconvolution, single thread ($(date -u '+%Y-%m-%d %H:%M UTC'))" | tee -a "$LOG"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), ${NCPU} cpus; tconv-aot flags: ${AOT_FLAGS:-(none)}; budget ${BUDGET}s, max-time ${MAXTIME}s; pin: ${RUN_PREFIX[*]:-none}" | tee -a "$LOG"

echo "tconv-aot: $AOT_SRC ($(date -u -r "$AOT_SRC" '+%Y-%m-%d %H:%M:%S UTC'), sha256 $(sha256sum "$AOT" | cut -c1-12)); $("$CXX" --version | head -1); oneDNN $(sed -n 's/^#define DNNL_VERSION_\(MAJOR\|MINOR\|PATCH\) *//p' /usr/include/oneapi/dnnl/dnnl_version.h 2>/dev/null | paste -sd.)" | tee -a "$LOG"

failures=0
for L in "${LAYER_LIST[@]}"; do
  mlir="$OUT/$L.mlir"; obj="$OUT/$L.o"; hdr="$OUT/$L.h"; exe="$OUT/${L}_bench"
  echo "== $L" >> "$LOG"
  if ! "${GEN[@]}" "$L" -o "$mlir" >> "$LOG" 2>&1; then
    echo "$L: gen_layer.py failed (see $LOG)" >&2
    echo "name=$L status=ERROR step=gen_layer" >> "$RESULTS"; failures=$((failures + 1)); continue
  fi
  t0=$(date +%s.%N)
  if ! "$AOT" "$mlir" -o "$obj" --header="$hdr" "${AOT_FLAG_ARR[@]}" >> "$LOG" 2>&1; then
    echo "$L: tconv-aot failed (see $LOG)" >&2
    echo "name=$L status=ERROR step=tconv-aot" >> "$RESULTS"; failures=$((failures + 1)); continue
  fi
  t1=$(date +%s.%N)
  aot_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  mapfile -t DEFS < <("${GEN[@]}" "$L" --defines)
  if ! "$CXX" -O2 -std=c++17 "${DEFS[@]}" -DTCONV_HEADER="\"$hdr\"" \
       -o "$exe" "$HERE/aot_vs_onednn.cpp" "$obj" -ldnnl >> "$LOG" 2>&1; then
    echo "$L: building the driver failed (see $LOG)" >&2
    echo "name=$L status=ERROR step=g++" >> "$RESULTS"; failures=$((failures + 1)); continue
  fi
  "${RUN_PREFIX[@]}" "$exe" --budget="$BUDGET" --max-time="$MAXTIME" > "$OUT/$L.result" 2>> "$LOG"
  rc_driver=$?
  line=$(grep '^RESULT ' "$OUT/$L.result")
  if [ -z "$line" ]; then
    echo "$L: the driver produced no result (exit $rc_driver; see $LOG)" >&2
    echo "name=$L status=ERROR step=driver" >> "$RESULTS"; failures=$((failures + 1)); continue
  fi
  echo "${line#RESULT } aot_compile_s=$aot_s" >> "$RESULTS"
  echo "$line aot_compile_s=$aot_s" >> "$LOG"
  case "$line" in *status=PASS*) ;; *) failures=$((failures + 1)) ;; esac
  echo "$L done: $(echo "$line" | grep -o 'tconv_ms=[^ ]*\|onednn_ms=[^ ]*\|speed_ratio=[^ ]*\|status=[^ ]*' | tr '\n' ' ')" >&2
done

# Table (plain text and Markdown) plus the geometric mean of the ratios.
"$PYTHON" - "$RESULTS" "$SUITE" "$OUT/results.md" <<'EOF'
import json, math, sys
results, suite, md_path = sys.argv[1:4]
flops = {}
for l in json.load(open(suite))["layers"]:
    k = l["kernel"]; sp = l["spatial"]
    kk = k if isinstance(k, list) else [k] * len(sp)
    flops[l["name"]] = 2 * l["N"] * l["Cin"] * math.prod(sp) * (l["Cout"] // l.get("groups", 1)) * math.prod(kk)
rows = []
for line in open(results):
    kv = dict(f.split("=", 1) for f in line.split())
    rows.append(kv)
hdr = ["layer", "GFLOP", "aot s", "tconv ms", "oneDNN ms", "tconv GF/s",
       "oneDNN GF/s", "ratio", "max rel err", "status", "runs t/d"]
table = []
ratios = []
for r in rows:
    n = r["name"]
    if r.get("status") in ("PASS", "FAIL"):
        ratios.append(float(r["speed_ratio"]))
        table.append([n, f"{flops.get(n, 0) * 1e-9:.3f}", r["aot_compile_s"],
                      f"{float(r['tconv_ms']):.3f}", f"{float(r['onednn_ms']):.3f}",
                      f"{float(r['tconv_gflops']):.2f}", f"{float(r['onednn_gflops']):.2f}",
                      f"{float(r['speed_ratio']):.4f}", r["rel_err"], r["status"],
                      f"{r['runs_tconv']}/{r['runs_onednn']}"])
    else:
        table.append([n, f"{flops.get(n, 0) * 1e-9:.3f}", "-", "-", "-", "-", "-", "-", "-",
                      "ERROR(" + r.get("step", "?") + ")", "-"])
w = [max(len(h), *(len(t[i]) for t in table)) if table else len(h) for i, h in enumerate(hdr)]
fmt = lambda cells: "  ".join(c.rjust(w[i]) if i else c.ljust(w[i]) for i, c in enumerate(cells))
print()
print(fmt(hdr))
print(fmt(["-" * x for x in w]))
for t in table:
    print(fmt(t))
geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios)) if ratios else float("nan")
print()
print(f"geometric mean of speed ratios (tconv speed / oneDNN speed) over {len(ratios)} layers: {geo:.4f}")
with open(md_path, "w") as f:
    f.write("| " + " | ".join(hdr) + " |\n")
    f.write("|" + "|".join("---" if i == 0 else "---:" for i in range(len(hdr))) + "|\n")
    for t in table:
        f.write("| " + " | ".join(t) + " |\n")
    f.write(f"\nGeometric mean of the speed ratios over {len(ratios)} layers: **{geo:.4f}**\n")
EOF

echo
echo "results: $RESULTS, $OUT/results.md; details: $LOG"
if [ "$failures" -gt 0 ]; then
  echo "FAILED: $failures layer(s) failed or errored" >&2
  exit 1
fi
echo "all layers PASS"
