#!/bin/bash
# Same-session pair of bench/incremental.py nights: each commit given is extracted with `git archive` and
# benched on the same kept base and week (--reuse-base --refresh-base), one after the other, in the order
# given. Usage: bench/night_pair.sh WORKDIR LOGDIR REV [REV ...]   (e.g. HEAD then the commit it started from)
set -euo pipefail
workdir=$1 logdir=$2
shift 2
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
mkdir -p "$logdir"
for rev in "$@"; do
    commit=$(git -C "$repo" rev-parse --short "$rev")
    code=$(mktemp -d "${TMPDIR:-/tmp}/night-pair-$commit-XXXX")
    git -C "$repo" archive "$commit" | tar -x -C "$code"
    echo "night of $commit -> $logdir/night-$commit.log"
    (cd "$code" && PYTHONPATH="$code" "$python" bench/incremental.py --records 1000000 --distinct-week \
        --no-rebuild --reuse-base --refresh-base --workdir "$workdir" > "$logdir/night-$commit.log" 2>&1)
    grep -E "^increment|ingest \+ enrichment|render:|quiet night" "$logdir/night-$commit.log" || true
    rm -rf "$code"
done
