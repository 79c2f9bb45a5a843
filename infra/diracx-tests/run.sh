#!/usr/bin/env bash
# Runs DiracX's jobs router tests (diracx-routers/tests/jobs/) over HTTP against the running local
# stack, through conftest.py beside this script. Not part of ./jobstream test. See README.md.
#
#   DIRACX_SRC=/path/to/diracx infra/diracx-tests/run.sh [pytest arguments]
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
: "${DIRACX_SRC:?set DIRACX_SRC to a copy of DIRACGrid/diracx (its files, e.g. git archive of a clone)}"
[ -f "$ROOT/.jobstream/config.env" ] && . "$ROOT/.jobstream/config.env"
PORT=${JOBSTREAM_PORT:-8000}
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/.well-known/openid-configuration" \
  || { echo "No Jobstream stack answers on port $PORT: run ./jobstream up first" >&2; exit 2; }

python3 - <<'PY' || { echo "python3 lacks pytest, pydantic (2), requests or joserfc: see README.md" >&2; exit 2; }
import joserfc, pydantic, pytest, requests
assert pydantic.VERSION.startswith("2")
PY

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/jobs"
cp "$DIRACX_SRC"/diracx-routers/tests/jobs/*.py "$work/jobs/"
cp "$HERE/conftest.py" "$work/conftest.py"
cd "$work"
# test_wms_access_policy.py calls DiracX's policy classes on its databases in-process: nothing to send
# over HTTP (docs/diracx-compatibility.md).
PYTHONPATH="$DIRACX_SRC/diracx-core/src" DIRACX_SRC="$DIRACX_SRC" JOBSTREAM_ROOT="$ROOT" JOBSTREAM_PORT="$PORT" \
  python3 -m pytest jobs -p no:cacheprovider --ignore=jobs/test_wms_access_policy.py -rA -q "$@"
