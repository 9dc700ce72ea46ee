#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests and a
# Java runtime for Spark in local mode. Installs only what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ -d tests/spark ] && ! command -v java >/dev/null 2>&1; then need+=(default-jre-headless); fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: please install ${need[*]} (Debian: apt-get install ${need[*]}); tests that need them will be skipped" >&2
    exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
