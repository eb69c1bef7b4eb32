#!/bin/sh
# run.sh BUILD - the body of "make test-ops": the operator's procedures proven on this
# machine (tests/ops/test_*.sh: the production install, backup and point-in-time restore,
# upgrades from the previous release, metrics, PostgreSQL failover under load). They take
# minutes each, so they run here rather than in "make check"; CI runs both (.ci/run).
# Each test gets BUILD (the built programs), REPO and a scratch directory OPS_DIR of its
# own, removed afterwards (KEEP_DIR=1 keeps it), and prints its figures on lines starting
# with "ops:". ONLY=GLOB (e.g. ONLY='test_backup*') runs just the matching tests.
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$REPO/${1:-build}" && pwd)
export REPO BUILD
failed=0
ran=0
for t in "$REPO"/tests/ops/test_*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t")
    case "$name" in ${ONLY:-*}) ;; *) continue ;; esac
    echo "--- ops: $name"
    ran=$((ran + 1))
    OPS_DIR=$(mktemp -d /tmp/portal-ops.XXXXXX)
    chmod 755 "$OPS_DIR"
    export OPS_DIR
    if ! sh "$t"; then
        failed=$((failed + 1))
        echo "*** FAILED: ops $name"
    fi
    if [ "${KEEP_DIR:-}" = 1 ]; then echo "kept $OPS_DIR"; else rm -rf "$OPS_DIR"; fi
done
echo
if [ "$failed" -ne 0 ]; then
    echo "make test-ops: $failed of $ran tests FAILED"
    exit 1
fi
echo "make test-ops: all $ran tests passed"
