# SPDX-License-Identifier: GPL-3.0-or-later
"""What benchmark.py and trace-startup.py share: a fresh profile, and the
environment that runs MLPrep or the bare window in it with the start-up
probe (src/gui/mlp-startup-probe.c) on."""

import os
import tempfile


def profile(settings=None, prefix="mlprep-bench-"):
    """A folder with its own data, config and cache folders and these
    GSettings keys; the caller removes it."""
    root = tempfile.mkdtemp(prefix=prefix)
    os.makedirs(os.path.join(root, "config", "glib-2.0", "settings"))
    with open(os.path.join(root, "config", "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[com/example/MLPrep]\n")
        for key, value in (settings or {}).items():
            f.write(f"{key}={value}\n")
    return root


def environment(build, root, mode, renderer=None):
    """The environment for one probed launch in @root."""
    env = dict(os.environ, MLPREP_STARTUP_PROBE=mode, NO_AT_BRIDGE="1",
               GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"), GSETTINGS_BACKEND="keyfile",
               XDG_DATA_HOME=os.path.join(root, "data"), XDG_CONFIG_HOME=os.path.join(root, "config"),
               XDG_CACHE_HOME=os.path.join(root, "cache"))
    if renderer:
        env["GSK_RENDERER"] = renderer
    return env
