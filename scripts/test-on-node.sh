#!/usr/bin/env bash
# Runs the test suites of the published packages again on the Node.js
# majors users deploy on (Node 20 went out of support in April 2026). The
# npm package `node` brings each runtime; packages must already be built.
# Usage: scripts/test-on-node.sh [major ...]   (default: 22 24)
set -euo pipefail
cd "$(dirname "$0")/.."

majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24)
packages=(config crypto eslint-plugin db)
vitest="$PWD/node_modules/vitest/vitest.mjs"

for major in "${majors[@]}"; do
  echo "== Node $(npx -y "node@$major" --version)"
  for package in "${packages[@]}"; do
    echo "-- @tenantkit/$package"
    (cd "packages/$package" && npx -y "node@$major" "$vitest" run --reporter=dot)
  done
done
