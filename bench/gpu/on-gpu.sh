#!/usr/bin/env bash
# One stay on a GPU machine (bundle.sh made this folder): unpacks Node, the server and
# the Vulkan loader, then measures the server with bench/gpu/run.mjs, the baseline first and
# then the changes under test, each on the same model file. Everything lands under $OUT:
#   log.txt (all output), results.jsonl (one line per run), devices.txt, perf-*.txt
#   (ggml-vulkan's per-operation GPU times), server-logs.tar.xz.
# BUDGET (seconds, default 420): no new run starts after it; ONLY=name,... runs a subset.
# The server now sets GGML_VK_FORCE_MMVQ=1 itself, so q8-base measures that default and
# q8-no-mmvq the path ggml picks on its own for NVIDIA.
set -u -o pipefail
B=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(mktemp -d /tmp/gpu-out.XXXXXX)}; mkdir -p "$OUT"
exec > >(tee -a "$OUT/log.txt") 2>&1
T0=$(date +%s); BUDGET=${BUDGET:-420}
say() { printf '\n=== [%4ds] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
for f in "$B"/gl/*.deb; do dpkg -x "$f" /; done; ldconfig
export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
export LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/nvidia/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
APP=/tmp/app; rm -rf "$APP"; mkdir -p "$APP"
xz -dc "$B/node.tar.xz" | tar -xf - -C "$APP" && xz -dc "$B/app.tar.xz" | tar -xf - -C "$APP" || { echo "unpack failed"; exit 1; }
export PATH=$APP/node/bin:$PATH
cd "$APP"
say "machine"
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used,clocks.max.memory --format=csv 2>&1 | head -3
echo "node $(node --version), $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
node -e "const b=require('@fugood/llama.node');(async()=>{for(const v of ['vulkan','default'])console.log(v, JSON.stringify(await b.getBackendDevicesInfo(v)))})()" > "$OUT/devices.txt" 2>&1
grep -v '^ggml_vulkan: \(Found\|0 =\)' "$OUT/devices.txt" | cut -c1-600; grep '^ggml_vulkan' "$OUT/devices.txt" | head -3
grep -q '"backend":"Vulkan"' "$OUT/devices.txt" || { echo "no Vulkan GPU device: stopping"; cat "$OUT/devices.txt" | head -20; exit 1; }
M16=/tmp/m7b-f16.gguf; M8=/tmp/m7b-q8_0.gguf
GBS=$(node bench/gpu/run.mjs --measure-copy | sed -n 's/^copy-gbps //p'); echo "copy bandwidth: $GBS GB/s"
R="node bench/gpu/run.mjs --out $OUT/results.jsonl --copy-gbps ${GBS:-NaN}"
want() { [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$1,"* ]]; }
room() { [ $(( $(date +%s) - T0 )) -lt "$BUDGET" ] || { say "budget of ${BUDGET}s spent: skipping $1"; return 1; }; }
run() { # NAME ARGS...  (env before: VAR=... run NAME ...)
  local name=$1; shift
  want "$name" && room "$name" || return 0
  say "$name: $*"
  timeout -k 10 200 $R --label "$name" --server-log "/tmp/srv-$name" "$@"
}
run f16-base --dtype f16 --backend vulkan --model $M16 --raw
run auto --dtype f16 --backend auto --model $M16 --keep-model --reps 1 --max-tokens 64 --no-streams
GGML_VK_PERF_LOGGER=1 run f16-perf --dtype f16 --backend vulkan --model $M16 --keep-model --reps 1 --max-tokens 16 --no-streams
run f16-threads4 --dtype f16 --backend vulkan --model $M16 --keep-model --no-streams -- --threads 4
run f16-fa-off --dtype f16 --backend vulkan --model $M16 --keep-model --no-streams -- --flash-attn off
rm -f $M16
run q8-base --dtype q8_0 --backend vulkan --model $M8 --raw
GGML_VK_DISABLE_MMVQ=1 run q8-no-mmvq --dtype q8_0 --backend vulkan --model $M8 --keep-model --no-streams --raw
GGML_VK_PERF_LOGGER=1 run q8-perf --dtype q8_0 --backend vulkan --model $M8 --keep-model --reps 1 --max-tokens 16 --no-streams
for p in f16 q8; do
  [ -f "/tmp/srv-$p-perf-1.log" ] && grep -v '^llama_model_loader\|^load_tensors\|^print_info\|create_tensor\|^\.' "/tmp/srv-$p-perf-1.log" | tail -c 3000000 > "$OUT/perf-$p.txt"
done
(cd /tmp && ls srv-*.log > /dev/null 2>&1 && for f in srv-*.log; do grep -v 'create_tensor\|^llama_model_loader: - kv\|^load_tensors: layer' "$f" | tail -c 2000000 > "$f.t"; done; tar -cf - srv-*.log.t 2>/dev/null | xz -T0 > "$OUT/server-logs.tar.xz")
say "done in $(( $(date +%s) - T0 ))s"
node -e "
for (const l of require('fs').readFileSync(process.argv[1],'utf8').trim().split('\n')) { const r = JSON.parse(l); const f=(x,d=1)=>Number.isFinite(x)?x.toFixed(d):'n/a';
  console.log([r.label.padEnd(15), f(r.modelBytes/1e9,2)+' GB', 'decode '+f(r.decodeTps)+' tok/s', 'share '+f(r.decodeTps/r.bound,2), 'TTFT '+f(r.ttftMs,0)+' ms', 'raw '+f(r.raw?.tg1)+'/'+f(r.raw?.tg8), 'x8 '+(r.rounds||[]).map(x=>f(x.aggregateTps)+' (ttft '+f(x.maxTtftMs,0)+')').join(' / '), 'load '+f(r.loadS)+'/'+f(r.parallelLoadS), (r.device||'')+(r.singleError?' ERR '+r.singleError.slice(0,120):'')].join(' | ')); }" "$OUT/results.jsonl"
