#!/usr/bin/env bash
# Re-create the vendored browser files from the npm packages pinned in
# frontend/package-lock.json. The copies are committed, so neither `make run`
# nor `make test` runs this; run it (`make vendor`) after changing a version.
#
#   quill     -> assignments/static/assignments/vendor/quill/   (the learners' writing editor)
#   axe-core  -> tests/e2e/vendor/axe.min.js                     (accessibility checks in browser tests)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
QUILL_OUT="$ROOT/assignments/static/assignments/vendor/quill"
AXE_OUT="$ROOT/tests/e2e/vendor"

command -v npm >/dev/null || { echo "npm is needed (apt-get install npm)" >&2; exit 1; }

cd "$FRONTEND"
npm ci --no-audit --no-fund --ignore-scripts

version() { node -p "require('$FRONTEND/node_modules/$1/package.json').version"; }

rm -rf "$QUILL_OUT"
mkdir -p "$QUILL_OUT" "$AXE_OUT"
cp node_modules/quill/dist/quill.js "$QUILL_OUT/quill.js"
# The source maps are copied too: the files name them, and collectstatic's manifest storage follows those names.
cp node_modules/quill/dist/quill.js.map "$QUILL_OUT/quill.js.map"
if [ -f node_modules/quill/dist/quill.snow.css.map ]; then cp node_modules/quill/dist/quill.snow.css.map "$QUILL_OUT/"; fi
cp node_modules/quill/dist/quill.js.LICENSE.txt "$QUILL_OUT/quill.js.LICENSE.txt"
cp node_modules/quill/dist/quill.snow.css "$QUILL_OUT/quill.snow.css"
cp node_modules/quill/LICENSE "$QUILL_OUT/LICENSE"
cp node_modules/axe-core/axe.min.js "$AXE_OUT/axe.min.js"
cp node_modules/axe-core/LICENSE "$AXE_OUT/LICENSE-axe-core"

{
    echo "# Vendored by scripts/vendor_frontend.sh from frontend/package-lock.json; do not edit by hand."
    echo "quill $(version quill)"
} > "$QUILL_OUT/VERSIONS"
{
    echo "# Vendored by scripts/vendor_frontend.sh from frontend/package-lock.json; do not edit by hand."
    echo "axe-core $(version axe-core)"
} > "$AXE_OUT/VERSIONS"

echo "Vendored quill $(version quill) and axe-core $(version axe-core)."
