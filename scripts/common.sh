# Shared by the scripts: where things are, and a step printer. Sourced, not run.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
PY="$VENV/bin/python"
cd "$REPO"
step() { printf '\n==> %s\n' "$*"; }
