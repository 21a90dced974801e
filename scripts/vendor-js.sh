#!/usr/bin/env bash
# Produce api/static/vendor/ from the npm packages pinned in package.json / package-lock.json.
#
# The vendored files are committed, so the map page works offline with no build step;
# run this only to upgrade them:  npm ci && bash scripts/vendor-js.sh  (then commit).
#
#   cytoscape          graph drawing               -> cytoscape.min.js
# (the map lays its chains out itself, api/static/map.js chainLayout: no layout library)
set -euo pipefail
cd "$(dirname "$0")/.."
nm=node_modules
out=api/static/vendor
if [ ! -d "$nm/cytoscape" ]; then
  echo "vendor-js: run 'npm ci' first" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
cp "$nm/cytoscape/dist/cytoscape.min.js" "$out/cytoscape.min.js"
cp "$nm/cytoscape/LICENSE" "$out/LICENSE.cytoscape"
{
  echo "Files vendored by scripts/vendor-js.sh from npm (see package-lock.json); do not edit."
  echo
  for p in cytoscape; do
    node -e 'const p=require(process.argv[1]);console.log(`${p.name} ${p.version}  ${p.license}`)' \
      "./$nm/$p/package.json"
  done
} > "$out/VERSIONS.txt"
echo "vendor-js: wrote $(ls "$out" | wc -l) files to $out"
