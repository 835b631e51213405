#!/usr/bin/env bash
# The main job: sets the machine up, builds the web playground and serves it on
# http://127.0.0.1:8080 (PORT overrides the port).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/build-web.sh
port="${PORT:-8080}"
echo "mnemo playground: http://127.0.0.1:${port}/"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/web/site
