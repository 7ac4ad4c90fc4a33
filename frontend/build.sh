#!/bin/sh
# Rebuild the committed GOV.UK Frontend assets in ../static/govuk from the npm package.
# Run from anywhere: sh frontend/build.sh   (needs node and npm; takes a few seconds)
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --silent
out=../static/govuk
pkg=node_modules/govuk-frontend/dist/govuk
rm -rf "$out"
mkdir -p "$out/assets/images"
npx sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps app.scss "$out/app.min.css"
# The footer's crest is the Royal Coat of Arms, not ours to use: drop the reference.
sed -i 's#url("/static/govuk/assets/images/govuk-crest.svg")#none#g' "$out/app.min.css"
# The ES module, without its source map reference (whitenoise's manifest storage
# refuses files that point at maps we do not ship).
sed 's#//\# sourceMappingURL=.*##' "$pkg/govuk-frontend.min.js" > "$out/govuk-frontend.min.js"
# No crown, no GOV.UK crest or icons: only the favicon of our own below.
cp favicon.svg "$out/assets/images/favicon.svg"
cp "$pkg/assets/manifest.json" "$out/assets/manifest.json" 2>/dev/null || true
echo "built $out"
