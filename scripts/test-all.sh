#!/usr/bin/env bash
# Every test of the project, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "▶ Vérification des types"
npx tsc --noEmit
echo "▶ Lint"
npx eslint . --max-warnings=0
echo "▶ Tests unitaires et d'intégration (PGlite et Postgres)"
npx vitest run
echo "▶ Build de production"
npm run build
echo "▶ Tests de bout en bout (Chromium)"
npx playwright test
