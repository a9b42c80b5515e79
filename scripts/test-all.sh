#!/usr/bin/env bash
# Every test of the project, in the order that fails fastest. It sets up what it needs: a
# throw-away Postgres server when none answers at TEST_DATABASE_URL (Vitest's global set-up,
# tests/support/global-setup.ts), and Debian's Chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$chromium" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "▶ Installation de Chromium (paquet Debian chromium)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "✖ Chromium est introuvable ($chromium). Installez-le, puis relancez npm test :" >&2
    echo "    sudo apt-get update && sudo apt-get install -y chromium" >&2
    echo "  ou indiquez un Chromium installé ailleurs : CHROMIUM_PATH=/chemin/vers/chromium npm test" >&2
    exit 1
  fi
fi

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
