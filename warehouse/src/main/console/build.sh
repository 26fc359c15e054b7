#!/usr/bin/env bash
# Builds the admin console into OUTPUT_DIRECTORY (called by warehouse/pom.xml at
# generate-resources): installs the packages package-lock.json pins when they changed (npm ci;
# a stamp in node_modules records the lock file's checksum), then bundles with esbuild.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:?usage: build.sh OUTPUT_DIRECTORY}
stamp=$here/node_modules/.duckgres-lock-sha256

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "console build: installing nodejs and npm (the admin console is bundled with them)" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >&2
fi
want=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "console build: installing the packages of warehouse/src/main/console/package-lock.json" >&2
  # No install scripts: esbuild finds its binary in its platform package without one.
  (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
  echo "$want" >"$stamp"
fi
node "$here/build.mjs" "$out"
