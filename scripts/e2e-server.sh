#!/usr/bin/env bash
# Serves the production build for end-to-end tests, on a fresh embedded database with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGLITE_DATA_DIR=".data/e2e-${PORT:-3100}/pglite"
rm -rf ".data/e2e-${PORT:-3100}"
if [ ! -f "${NEXT_DIST_DIR:-.next}/BUILD_ID" ]; then npm run build; fi
exec npx tsx scripts/dev.ts --start
