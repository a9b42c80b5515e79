#!/usr/bin/env bash
# Serves the production build for end-to-end tests, on a fresh embedded database with demo data,
# with a real SMTP server on loopback whose received emails the tests read.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-3100}"
data=".data/e2e-${port}"
rm -rf "$data"
mkdir -p "$data"
export PGLITE_DATA_DIR="$data/pglite"
export MAILBOX_DIR="$data/mailbox"
# The app's JSON logs, checked after the run (e2e/journaux.check.ts).
export APP_LOG_FILE="$data/app.log"
export SMTP_PORT="${SMTP_PORT:-$((port + 26))}"
export SMTP_URL="smtp://127.0.0.1:${SMTP_PORT}"
export MAIL_WORKER_INTERVAL_MS=400
# The matching index is built on worker threads even for the demo data, so the bundled worker runs.
export MATCHING_WORKER_MIN_PROFILES=1
if [ ! -f "${NEXT_DIST_DIR:-.next}/BUILD_ID" ]; then npm run build; fi
npx tsx tests/support/mailbox-server.ts &
mailbox=$!
trap 'kill $mailbox 2>/dev/null || true' EXIT
npx tsx scripts/dev.ts --start
