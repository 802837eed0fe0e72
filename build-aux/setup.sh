#!/bin/bash
# Sets up a fresh Debian 12 machine for MLPrep and builds it.
#   build-aux/setup.sh BUILD_DIR [MESON_OPTION...]
# Installs what is missing with apt-get (through sudo unless root), then
# configures BUILD_DIR (or reconfigures it, when it exists) and compiles.
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir=${1:?usage: build-aux/setup.sh BUILD_DIR [MESON_OPTION...]}
shift

packages=(
  # build
  meson ninja-build pkg-config gcc
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsqlite3-dev
  gettext desktop-file-utils appstream
  # run
  adwaita-icon-theme fonts-cantarell
  # test: a display, a session bus, the accessibility bus, the mouse
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-pyatspi xdotool
)

build-aux/install-packages.sh "${packages[@]}"

if [ -f "$build_dir/meson-private/coredata.dat" ]; then
  meson setup --reconfigure "$build_dir" "$@"
else
  meson setup "$build_dir" "$@"
fi
meson compile -C "$build_dir"
