#!/bin/sh
# Runs a command on its own Xvfb display inside its own D-Bus session, so
# that GTK and the accessibility bus work without a desktop.
# Xvfb picks a free display itself (-displayfd), so runs that start
# together never race for one, and does not reset when its last client
# goes (-noreset): end-to-end tests restart the app, and a reset then
# refused the new one's connection. Only the command's own stdout reaches our
# stdout (fd 3): the daemons the session starts print there too, and test
# output must stay TAP.
set -u
tmp=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$tmp"' EXIT

Xvfb -displayfd 5 -screen 0 1366x768x24 -nolisten tcp -noreset 5>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb=$!
for _ in $(seq 100); do
  [ -s "$tmp/display" ] && break
  sleep 0.1
done
if [ ! -s "$tmp/display" ]; then
  echo "Xvfb did not start:" >&2
  cat "$tmp/xvfb.log" >&2
  exit 1
fi
DISPLAY=:$(cat "$tmp/display")
export DISPLAY

exec 3>&1
dbus-run-session -- sh -c 'exec "$@" >&3 3>&-' sh "$@" >&2
