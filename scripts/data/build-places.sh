#!/usr/bin/env bash
# Rebuilds src/checks/meaning/data/places.tsv (MT305's place names) from CLDR, via a pinned Babel
# in a throw-away virtual environment.  usage: scripts/data/build-places.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --require-hashes -r /dev/stdin <<'REQ'
babel==2.18.0 --hash=sha256:e2b422b277c2b9a9630c1d7903c2a00d0830c409c59ac8cae9081c92f1aeba35
REQ
"$venv/bin/python" "$root/scripts/data/build-places.py" "$root/src/checks/meaning/data/places.tsv"
sha256sum "$root/src/checks/meaning/data/places.tsv"
