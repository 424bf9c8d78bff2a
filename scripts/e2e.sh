#!/usr/bin/env bash
# Playwright against a production build. Never skips silently: without Chromium it installs
# Debian's package when it can (as root), or stops with the one command that fixes it.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ -z "${CHROMIUM_PATH:-}" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Chromium not found at $chromium: installing Debian's chromium package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
  else
    echo "Chromium not found at $chromium. Install it (sudo apt-get install -y chromium fonts-liberation) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

# The same database the server in playwright.config.ts uses, with the demo workspace in it.
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  DATABASE_URL="$TEST_DATABASE_URL" npx tsx cli/index.ts seed
else
  rm -rf .data/e2e-pglite
  DATABASE_URL= PGLITE_DIR="$PWD/.data/e2e-pglite" npx tsx cli/index.ts seed
fi

# A production build with its own dist dir would need config changes; the build is shared
# with `npm start`, which is what the e2e tests must exercise anyway.
npx next build
npx playwright test "$@"
