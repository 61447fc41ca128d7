#!/usr/bin/env bash
# The browser the Mini App's tests drive: Debian's chromium (Playwright's Python package talks to it
# directly; `playwright install` is never run) and a colour emoji font for the screenshots.
# Idempotent: installs only what is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=120 "${missing[@]}"
fi
chromium --version 2>/dev/null | head -1
