# Sourced by scripts/build-models.sh and scripts/bench-pytorch.sh: creates the hash-locked model-build venv in
# $W/venv (unless its stamp says it is current) from $S/requirements.lock, with interpreter $PY.
LOCK="$S/requirements.lock"
STAMP=$(cat "$LOCK" "$S/requirements.in" | sha256sum | cut -c1-16)
if [ ! -f "$W/venv/.mtlint-stamp" ] || [ "$(cat "$W/venv/.mtlint-stamp")" != "$STAMP" ]; then
  printf '=== creating venv in %s\n' "$W/venv" >&2
  mkdir -p "$W"; rm -rf "$W/venv"; "$PY" -m venv "$W/venv"
  echo "pip==26.3 --hash=sha256:f3b60b20ffaadd4415ed7957212a38ac63fa4c5fa375bd0f4a797777940fad13" > "$W/pip.lock"
  "$W/venv/bin/python" -m pip install -q --require-hashes -r "$W/pip.lock"
  if "$W/venv/bin/python" -c 'import sys, platform; sys.exit(0 if sys.version_info[:2] == (3, 11) and platform.machine() == "x86_64" and sys.platform == "linux" else 1)'; then
    "$W/venv/bin/python" -m pip install -q --no-deps --require-hashes -r "$LOCK"
  else
    echo "warning: not CPython 3.11 x86_64 Linux: installing unhashed versions from requirements.in; outputs may not be byte-identical" >&2
    "$W/venv/bin/python" -m pip install -q -r "$S/requirements.in"
  fi
  echo "$STAMP" > "$W/venv/.mtlint-stamp"
fi
