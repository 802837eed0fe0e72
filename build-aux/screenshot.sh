#!/bin/bash
# Takes a screenshot of the built app under Xvfb.
# usage: build-aux/screenshot.sh BUILD_DIR OUT.png [WIDTH HEIGHT] [light|dark] [STAGE] [PANE]
# The app runs in a fresh data folder with the built-in content.
set -eu
build=$(realpath "$1"); out=$(realpath -m "$2")
width=${3:-1100}; height=${4:-720}; style=${5:-light}; stage=${6:-framing}; pane=${7:-checklist}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/config/glib-2.0/settings"
cat > "$tmp/config/glib-2.0/settings/keyfile" <<KEYS
[com/example/MLPrep]
window-width=$width
window-height=$height
selected-stage='$stage'
selected-pane='$pane'
KEYS
scheme=default
[ "$style" = dark ] && scheme=prefer-dark
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" GSETTINGS_BACKEND=keyfile \
       GSETTINGS_SCHEMA_DIR="$build/data" ADW_DEBUG_COLOR_SCHEME=$scheme
xvfb-run -a -s "-screen 0 $((width + 40))x$((height + 40))x24" dbus-run-session -- bash -c "
  '$build/src/mlprep' & app=\$!
  sleep \${SCREENSHOT_DELAY:-3}
  \${SCREENSHOT_ACTIONS:-true}
  sleep 1
  import -window root -crop ${width}x${height}+0+0 '$out'
  kill \$app" 2>&1 | grep -v -e dbus-daemon -e SpiRegistry || true
echo "$out"
