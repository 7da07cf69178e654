#!/usr/bin/env bash
# Smoke test of the packaged product, as a user would run it: unpack the archive (GNU tar must not warn), start it
# through its `parley` script, and check that the Parley window opens in the Parley perspective with the login dialog
# over it; first contact with a real server (typed into the login form) must log no ERROR and no stack trace, only
# show the trust dialog; then a second start on the same workspace must say so in one line and a dialog, and exit 3;
# File > Exit must end it with 0.
# Usage: smoke-test.sh ARCHIVE WORKDIR SERVER_JAR.
# Needs an X display (CI runs the whole build under xvfb-run).
set -euo pipefail
archive=$1
work=$2
server_jar=$3

fail() { echo "product smoke test FAILED: $*" >&2; [ -f "$work/product.log" ] && tail -n 40 "$work/product.log" >&2; exit 1; }

[ -n "${DISPLAY:-}" ] || fail "no X display; run the build under xvfb-run (see README)"
[ -f "$archive" ] || fail "no product archive at $archive"
rm -rf "$work"
mkdir -p "$work/home"
tar -xzf "$archive" -C "$work" 2>"$work/tar.err" || fail "tar cannot unpack the archive: $(head -n 5 "$work/tar.err")"
[ ! -s "$work/tar.err" ] || fail "tar warns while unpacking ($(wc -l <"$work/tar.err") lines): $(sort "$work/tar.err" | uniq -c | head -n 5)"
app="$work/parley"
[ -x "$app/parley" ] || fail "the archive has no executable parley start script"

# A real server on a free port (0: it prints the one it got).
java -Xmx256m -jar "$server_jar" --bind 127.0.0.1 --port 0 --data-dir "$work/server" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
port=
for _ in $(seq 1 120); do
    port=$(sed -n 's/^Parley server listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/server.log")
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
done
[ -n "$port" ] || fail "the server did not start: $(tail -n 5 "$work/server.log")"

report="$work/startup-report.txt"
# Java takes user.home from the password file, not $HOME: pass it, so the client's ~/.parley is the test's own.
HOME="$work/home" PARLEY_VM_ARGS="-Xmx512m -Duser.home=$work/home -Dparley.startupReport=$report -Dparley.server=127.0.0.1:$port" \
    "$app/parley" -data "$work/workspace" >"$work/product.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
    [ -s "$report" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
[ -s "$report" ] || { kill "$pid" 2>/dev/null; fail "the product did not open its window within 120 s"; }

# First contact: the login dialog's user name has the focus; type it and a password, Enter logs in. The trust dialog
# must show, and the log must hold no ERROR and no stack trace (MINA logged the deliberate handshake abort as one).
main_window=$(xdotool search --onlyvisible --name '^Parley *$' 2>/dev/null | head -n 1) || true
[ -n "$main_window" ] || { kill "$pid"; fail "no Parley window"; }
login_dialog=
for _ in $(seq 1 60); do
    login_dialog=$(xdotool search --onlyvisible --name '^Log In to Parley' 2>/dev/null | head -n 1) && [ -n "$login_dialog" ] && break
    sleep 0.5
done
[ -n "$login_dialog" ] || { kill "$pid"; fail "no login dialog at start to type into"; }
xdotool windowfocus --sync "$login_dialog" 2>/dev/null || true
xdotool type --delay 20 "smoke" && xdotool key Tab && xdotool type --delay 20 "correct-horse-42" && xdotool key Return
trust_dialog=
for _ in $(seq 1 120); do
    trust_dialog=$(xdotool search --onlyvisible --name '^Trust this server' 2>/dev/null | head -n 1) && [ -n "$trust_dialog" ] && break
    sleep 0.5
done
[ -n "$trust_dialog" ] || { kill "$pid"; fail "first contact showed no trust dialog: $(tail -n 5 "$work/product.log")"; }
xdotool windowfocus --sync "$trust_dialog" 2>/dev/null || true
xdotool key --clearmodifiers Escape # decline; the user would compare the fingerprint first
if grep -qE 'ERROR|^[[:space:]]+at ' "$work/product.log"; then
    kill "$pid"; fail "first contact logged an error: $(grep -m 3 -E 'ERROR|^[[:space:]]+at ' "$work/product.log")"
fi

# A second Parley on the same workspace: one plain line, an error dialog (answered here), exit code 3.
HOME="$work/home" PARLEY_VM_ARGS="-Xmx256m -Duser.home=$work/home" "$app/parley" -data "$work/workspace" >"$work/second.log" 2>&1 &
second=$!
dialog=
for _ in $(seq 1 240); do
    # (GTK titles end with a space here; Xvfb has no window manager, so focus rather than activate windows)
    dialog=$(xdotool search --onlyvisible --name '^Parley is already running' 2>/dev/null | head -n 1) && [ -n "$dialog" ] && break
    kill -0 "$second" 2>/dev/null || break
    sleep 0.5
done
[ -n "$dialog" ] || { kill "$pid" "$second" 2>/dev/null; fail "a second Parley on the same workspace showed no dialog: $(tail -n 5 "$work/second.log")"; }
xdotool windowfocus --sync "$dialog" 2>/dev/null || true
xdotool key --clearmodifiers Return
second_code=0
wait "$second" || second_code=$?

# File > Exit, through the keyboard as a user would: the first Parley ends by itself, exit code 0.
exit_code=none
if [ -n "$main_window" ]; then
    xdotool windowfocus --sync "$main_window" 2>/dev/null || true
    # The menu opens asynchronously; its mnemonic key must come after it has the keyboard.
    xdotool key --clearmodifiers alt+f 2>/dev/null; sleep 1; xdotool key x 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if ! kill -0 "$pid" 2>/dev/null; then exit_code=0; wait "$pid" || exit_code=$?; fi
fi
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
[ "$exit_code" = 0 ] || fail "File > Exit did not end Parley (window ${main_window:-not found}, exit ${exit_code})"
[ "$second_code" -eq 3 ] || fail "a second Parley on the same workspace exited $second_code, not 3: $(tail -n 5 "$work/second.log")"
grep -q '^parley: Parley is already running with the folder .*workspace' "$work/second.log" \
    || fail "a second Parley on the same workspace did not say so: $(tail -n 5 "$work/second.log")"

grep -qx 'title=Parley' "$report" || fail "window title is not Parley: $(cat "$report")"
grep -qx 'perspective=org.parley.client.ui.perspective' "$report" || fail "not in the Parley perspective: $(cat "$report")"
grep -qx 'loginDialog=true' "$report" || fail "the login dialog did not open at start: $(cat "$report")"
grep -qx 'view=org.parley.client.ui.views.chat' "$report" || fail "the chat view is not showing: $(cat "$report")"
if [ -f "$work/workspace/.metadata/.log" ] && grep -q '^!ENTRY .* 4 ' "$work/workspace/.metadata/.log"; then
    fail "the product logged errors: $(grep -A3 '^!ENTRY .* 4 ' "$work/workspace/.metadata/.log" | head -n 20)"
fi
if grep -q "No SLF4J providers" "$work/product.log"; then
    fail "logging is not wired: SLF4J found no provider inside the product"
fi
echo "product smoke test passed: $(tr '\n' ' ' <"$report"); tar quiet; second instance refused (exit 3); File > Exit exits 0"
