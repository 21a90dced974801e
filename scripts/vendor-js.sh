#!/usr/bin/env bash
# Produce api/static/vendor/ from the npm packages pinned in package.json / package-lock.json.
#
# The vendored files are committed, so the map page works offline with no build step;
# run this only to upgrade them:  npm ci && bash scripts/vendor-js.sh  (then commit).
#
#   cytoscape          graph drawing               -> cytoscape.min.js
#   cytoscape-dagre    left-to-right layout        -> cytoscape-dagre.min.js (bundles dagre 3
#                                                     and graphlib 4; the @dagrejs packages are
#                                                     installed only for their LICENSE files)
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
cp "$nm/cytoscape-dagre/dist/cytoscape-dagre.min.js" "$out/cytoscape-dagre.min.js"
cp "$nm/cytoscape/LICENSE" "$out/LICENSE.cytoscape"
cp "$nm/cytoscape-dagre/LICENSE" "$out/LICENSE.cytoscape-dagre"
cp "$nm/@dagrejs/dagre/LICENSE" "$out/LICENSE.dagre"
cp "$nm/@dagrejs/graphlib/LICENSE" "$out/LICENSE.graphlib"
{
  echo "Files vendored by scripts/vendor-js.sh from npm (see package-lock.json); do not edit."
  echo
  for p in cytoscape cytoscape-dagre @dagrejs/dagre @dagrejs/graphlib; do
    node -e 'const p=require(process.argv[1]);console.log(`${p.name} ${p.version}  ${p.license}`)' \
      "./$nm/$p/package.json"
  done
} > "$out/VERSIONS.txt"
echo "vendor-js: wrote $(ls "$out" | wc -l) files to $out"
