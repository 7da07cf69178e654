#!/usr/bin/env bash
# Smoke test of the packaged product, as a user would run it: unpack the archive, start it through its `parley`
# script, and check that the Parley window opens in the Parley perspective with the login view showing.
# Usage: smoke-test.sh ARCHIVE WORKDIR. Needs an X display (CI runs the whole build under xvfb-run).
set -euo pipefail
archive=$1
work=$2

fail() { echo "product smoke test FAILED: $*" >&2; [ -f "$work/product.log" ] && tail -n 40 "$work/product.log" >&2; exit 1; }

[ -n "${DISPLAY:-}" ] || fail "no X display; run the build under xvfb-run (see README)"
[ -f "$archive" ] || fail "no product archive at $archive"
rm -rf "$work"
mkdir -p "$work/home"
tar -xzf "$archive" -C "$work" 2>/dev/null
app="$work/parley"
[ -x "$app/parley" ] || fail "the archive has no executable parley start script"

report="$work/startup-report.txt"
HOME="$work/home" PARLEY_VM_ARGS="-Xmx512m -Dparley.startupReport=$report" \
    "$app/parley" -data "$work/workspace" >"$work/product.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
    [ -s "$report" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true

[ -s "$report" ] || fail "the product did not open its window within 120 s"
grep -qx 'title=Parley' "$report" || fail "window title is not Parley: $(cat "$report")"
grep -qx 'perspective=org.parley.client.ui.perspective' "$report" || fail "not in the Parley perspective: $(cat "$report")"
grep -qx 'view=org.parley.client.ui.views.login' "$report" || fail "the login view is not showing: $(cat "$report")"
if [ -f "$work/workspace/.metadata/.log" ] && grep -q '^!ENTRY .* 4 ' "$work/workspace/.metadata/.log"; then
    fail "the product logged errors: $(grep -A3 '^!ENTRY .* 4 ' "$work/workspace/.metadata/.log" | head -n 20)"
fi
if grep -q "No SLF4J providers" "$work/product.log"; then
    fail "logging is not wired: SLF4J found no provider inside the product"
fi
echo "product smoke test passed: $(tr '\n' ' ' <"$report")"
