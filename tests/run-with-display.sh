#!/bin/sh
# Runs a command on its own Xvfb display inside its own D-Bus session, so
# that GTK and the accessibility bus work without a desktop.
# Only the command's own stdout reaches our stdout (fd 3): the daemons that
# the session starts print there too, and the test output must stay TAP.
exec 3>&1
# A random first display number keeps two runs that start together apart.
exec xvfb-run -e /dev/stderr -a -n $(( $(od -An -N2 -tu2 /dev/urandom) % 900 + 100 )) -s "-screen 0 1366x768x24" \
  dbus-run-session -- sh -c 'exec "$@" >&3 3>&-' sh "$@" >&2
