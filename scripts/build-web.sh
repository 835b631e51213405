#!/usr/bin/env bash
# Builds the engine with Debian's Emscripten in build/web/ (preset web, through emcmake).
#   scripts/build-web.sh            the site, build/web/site/: the engine's JS API alone (mnemo.js,
#                                   for node) and the playground (index.html: the ImGui debugger)
#   scripts/build-web.sh TARGET...  those targets instead; `mnemo` is the CLI as a node program,
#                                   build/web/mnemo.js (scripts/test.sh runs the spec suites on it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten finds acorn there (package node-acorn)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(mnemo_web mnemo_playground)
emcmake cmake --preset web >/dev/null
cmake --build --preset web -j "$(nproc)" --target "${targets[@]}"
