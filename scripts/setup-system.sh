#!/usr/bin/env bash
# Installs the system programs the test suite needs: Debian's chromium and redis-server.
# Used by `npm run setup:system` and by .ci/run. Does nothing for programs already installed.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup:system: chromium and redis-server are installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup:system: please install ${missing[*]} with your system's package manager" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup:system: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
