#!/usr/bin/env bash
# The whole test suite, as the README's `npm test` runs it: lint + format check, type check,
# vitest (unit; integration on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set), then
# Playwright end-to-end tests in Debian's Chromium against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "lint and format (biome)"
npx biome check .

step "type check (tsc)"
npx tsc --noEmit

step "unit and integration tests (vitest)"
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "TEST_DATABASE_URL is not set: integration tests run on PGlite only (CI also runs them on PostgreSQL)."
fi
rm -rf .data/test-results && mkdir -p .data/test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/test-results/vitest.json

step "end-to-end tests (Playwright + Chromium)"
bash scripts/e2e.sh

# One closing line over both runners: "N passed, N failed".
node scripts/summarise-tests.mjs .data/test-results/vitest.json .data/test-results/playwright.json
