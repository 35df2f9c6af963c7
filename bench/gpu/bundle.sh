#!/usr/bin/env bash
# Packs what bench/gpu needs on a GPU machine with no Node and no network into one
# folder (default .gpu-bundle/ in the project root, which git should ignore):
#   node.tar.xz  this machine's node binary
#   app.tar.xz   dist/server.js, bench/gpu, the fixture vocabulary, and @fugood/llama.node
#                with its CPU and Vulkan builds for linux-x64 (about 35 MiB together)
#   gl/          Debian's Vulkan loader (libvulkan1) and glvnd (libglvnd0 & co.: NVIDIA's Vulkan
#                driver, libGLX_nvidia.so.0, cannot create an instance without libGLdispatch),
#                unpacked there by on-gpu.sh
# Needs: npm ci, npm run build, and the Vulkan build in node_modules
# (npm ci installs it on linux-x64). Then, on the GPU machine: bash .gpu-bundle/on-gpu.sh
set -euo pipefail
P=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-$P/.gpu-bundle}
[ -f "$P/dist/server.js" ] || { echo "bundle: no dist/server.js: run npm run build first"; exit 1; }
VK=@fugood/node-llama-linux-x64-vulkan
[ -d "$P/node_modules/$VK" ] || { echo "bundle: $VK is not installed"; exit 1; }
rm -rf "$B"; mkdir -p "$B/gl"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
mkdir -p "$t/node/bin" "$t/app/dist" "$t/app/bench" "$t/app/scripts/fixtures" "$t/app/node_modules/@fugood/llama.node"
cp "$(readlink -f "$(command -v node)")" "$t/node/bin/node"
cp "$P/dist/server.js" "$t/app/dist/"; cp "$P/package.json" "$t/app/"
cp -r "$P/bench/gpu" "$t/app/bench/"
cp "$P/scripts/fixtures/tiny-llama.mjs" "$P/scripts/fixtures/gguf-writer.mjs" "$t/app/scripts/fixtures/"
cp -r "$P/node_modules/@fugood/llama.node/package.json" "$P/node_modules/@fugood/llama.node/lib" "$t/app/node_modules/@fugood/llama.node/"
cp -r "$P/node_modules/@fugood/node-llama-linux-x64" "$P/node_modules/$VK" "$t/app/node_modules/@fugood/"
(cd "$t" && tar -cf - node | xz -T0 -6 > "$B/node.tar.xz" && tar -cf - -C app . | xz -T0 -6 > "$B/app.tar.xz")
cp "$P/bench/gpu/on-gpu.sh" "$B/"
# the loader for amd64, whatever this machine's own architecture
mkdir -p /tmp/amd64/partial; o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
# shellcheck disable=SC2086
apt-get $o update -qq > /dev/null && (cd "$B/gl" && apt-get $o download libvulkan1 libglvnd0 libglx0 libegl1 libgl1 libopengl0 libgles2 > /dev/null)
du -sh "$B"
