#!/usr/bin/env bash
# Builds the engine for the browser with Debian's Emscripten into build/web/site/: the engine's JS
# API alone (mnemo.js, for node) and the playground (index.html: the ImGui debugger).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten finds acorn there (package node-acorn)
emcmake cmake --preset web >/dev/null
cmake --build --preset web -j "$(nproc)" --target mnemo_web mnemo_playground
