#!/usr/bin/env bash
# After Parley was installed into a plain Eclipse platform (by the p2 director into plugins/, or as jars in dropins/):
# start the platform in the Parley perspective and check, through the report of the org.parley.ide.probe bundle, that
# the Parley bundles and their libraries run from where they were installed, are resolved (the UI and core active),
# that the Parley views show, and that nothing was logged as an error (a missing dependency or a broken view would be).
# Usage: check-installed-platform.sh PLATFORM_DIR plugins|dropins WORKDIR. Needs an X display and xwininfo.
set -euo pipefail
platform=$1
folder=$2
work=$3

fail() { echo "IDE install test ($folder) FAILED: $*" >&2; exit 1; }

[ -n "${DISPLAY:-}" ] || fail "no X display; run the build under xvfb-run (see README)"
if [ "$folder" = dropins ]; then
    ls "$platform"/dropins/org.parley.client.ui_*.jar >/dev/null 2>&1 || fail "no Parley jars in $platform/dropins"
    if ls "$platform"/plugins/org.parley.client.ui_* >/dev/null 2>&1; then
        fail "Parley is already in plugins/, so this would not test dropins/"
    fi
fi

rm -rf "$work" && mkdir -p "$work/home"
workspace="$work/parley-ide-check"
report="$work/install-report.txt"
launcher=$(ls "$platform"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
HOME="$work/home" java -Xmx512m -Dparley.installReport="$report" -jar "$launcher" -install "$platform" \
    -data "$workspace" -perspective org.parley.client.ui.perspective >"$work/platform.log" 2>&1 &
pid=$!
opened=no
for _ in $(seq 1 240); do
    # The IDE names its window after the workspace.
    if [ "$opened" = no ] && xwininfo -root -tree 2>/dev/null | grep -q '"parley-ide-check'; then
        opened=yes
    fi
    [ "$opened" = yes ] && [ -s "$report" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
sleep 3 # let the views finish creating themselves (and log, if they fail)
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true

[ "$opened" = yes ] || fail "the platform's workbench window did not open within 120 s: $(tail -n 20 "$work/platform.log")"
[ -s "$report" ] || fail "the platform wrote no install report within 120 s (is org.parley.ide.probe in it?)"
bundle_line() { grep "^bundle=$1 " "$report" || true; }
for bundle in org.parley.protocol org.parley.client.core org.parley.client.ui org.apache.mina.core com.google.gson slf4j.api; do
    line=$(bundle_line "$bundle")
    [ -n "$line" ] || fail "$bundle is not installed in the running platform: $(cat "$report") $(tail -n 20 "$work/platform.log")"
    case "$line" in
        *" INSTALLED "*) fail "$bundle did not resolve: $line" ;;
    esac
    # A library the platform already has in the same version (slf4j.api here) is kept where it is, as in any IDE.
    case "$bundle:$line" in
        *[:/]"$folder"/*) ;;
        org.parley.*) fail "$bundle does not run from $folder/: $line" ;;
        *[:/]plugins/*) ;;
        *) fail "$bundle runs from neither $folder/ nor the platform's plugins/: $line" ;;
    esac
done
for bundle in org.parley.client.core org.parley.client.ui; do
    case "$(bundle_line "$bundle")" in
        *" ACTIVE "*) ;;
        *) fail "$bundle is not active although the Parley views are open: $(bundle_line "$bundle")" ;;
    esac
done
[ -z "$(bundle_line org.parley.rcp)" ] || fail "Parley's application bundle must not come into an IDE"
grep -qx 'perspective=org.parley.client.ui.perspective' "$report" || fail "not in the Parley perspective: $(cat "$report")"
for view in conversations chat users; do
    grep -qx "view=org.parley.client.ui.views.$view" "$report" || fail "the $view view is not showing: $(cat "$report")"
done
if [ -f "$workspace/.metadata/.log" ] && grep -q '^!ENTRY .* 4 ' "$workspace/.metadata/.log"; then
    fail "the platform logged errors: $(grep -A5 '^!ENTRY .* 4 ' "$workspace/.metadata/.log" | head -n 30)"
fi
echo "IDE install test ($folder) passed: Parley runs from $folder/ (core and UI active), its perspective and views show, no errors"
