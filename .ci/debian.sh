#!/usr/bin/env bash
# The Debian packages the tests need: Chromium's headless shell for the Mini App's browser tests
# (Playwright's Python package talks to it directly; `playwright install` is never run; the shell draws
# the same pages as the full browser for half its CPU), a colour emoji font for their
# screenshots, and poppler-utils (pdftoppm) to draw the committee's PDF to PNG.
# Idempotent: installs only what is missing.
set -euo pipefail
missing=()
command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=120 "${missing[@]}"
fi
chromium-headless-shell --version 2>/dev/null | head -1
