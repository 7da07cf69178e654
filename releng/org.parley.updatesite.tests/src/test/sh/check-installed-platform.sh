#!/usr/bin/env bash
# After the p2 director installed the update site into a plain Eclipse platform: the Parley bundles must be part of
# the installation, and the platform must open its workbench window in the Parley perspective without logging
# errors (a missing dependency or a broken view would be logged at start).
# Usage: check-installed-platform.sh PLATFORM_DIR WORKDIR. Needs an X display and xwininfo.
set -euo pipefail
platform=$1
work=$2

fail() { echo "update site install test FAILED: $*" >&2; exit 1; }

[ -n "${DISPLAY:-}" ] || fail "no X display; run the build under xvfb-run (see README)"
info="$platform/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
for bundle in org.parley.protocol org.parley.client.core org.parley.client.ui org.apache.mina.core com.google.gson; do
    grep -q "^$bundle," "$info" || fail "$bundle was not installed (not in bundles.info)"
done
if grep -q "^org.parley.rcp," "$info"; then
    fail "the update site must not bring the Parley application bundle into an IDE"
fi

rm -rf "$work" && mkdir -p "$work/home"
workspace="$work/parley-ide-check"
launcher=$(ls "$platform"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
HOME="$work/home" java -Xmx512m -jar "$launcher" -install "$platform" -data "$workspace" \
    -perspective org.parley.client.ui.perspective >"$work/platform.log" 2>&1 &
pid=$!
opened=no
for _ in $(seq 1 240); do
    # The IDE names its window after the workspace.
    if xwininfo -root -tree 2>/dev/null | grep -q '"parley-ide-check'; then
        opened=yes
        break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
sleep 3 # let the perspective's views be created (and log, if they fail)
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true

[ "$opened" = yes ] || fail "the platform's workbench window did not open within 120 s: $(tail -n 20 "$work/platform.log")"
if [ -f "$workspace/.metadata/.log" ] && grep -q '^!ENTRY .* 4 ' "$workspace/.metadata/.log"; then
    fail "the platform logged errors: $(grep -A5 '^!ENTRY .* 4 ' "$workspace/.metadata/.log" | head -n 30)"
fi
echo "update site test passed: installed into a plain Eclipse platform, opened in the Parley perspective, no errors"
