#!/bin/sh
# A desktop keyring of the UI tests' own, as a desktop login makes one: a private D-Bus session bus (dbus-daemon) on
# the socket DIR/bus, and Debian's gnome-keyring-daemon on it with its login keyring (under DIR/data) unlocked by a
# password on stdin, as PAM does. The build starts this before the keyring test runtimes (whose environment names
# the socket) and stops it (SIGTERM) when Maven ends; the bus must outlive every test JVM on it, because GIO ends
# its process with SIGTERM when the session bus goes away.
# Usage: keyring-session.sh DIR
set -eu
dir=$1
rm -rf "$dir"
mkdir -p "$dir/data" "$dir/home"
mkdir -m 700 "$dir/run"
mkfifo "$dir/ready"
bus=
keyring=
trap 'kill $keyring $bus 2>/dev/null || true; exit 0' TERM INT
dbus-daemon --session --nofork --address="unix:path=$dir/bus" --print-address=3 3>"$dir/ready" &
bus=$!
# dbus-daemon prints its address once it listens: the event to wait for (the read blocks on the fifo until then).
read -r address <"$dir/ready"
printf '%s' parley-test-keyring | DBUS_SESSION_BUS_ADDRESS="$address" XDG_RUNTIME_DIR="$dir/run" \
    XDG_DATA_HOME="$dir/data" HOME="$dir/home" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$dir/gnome-keyring.log" 2>&1 &
keyring=$!
wait
