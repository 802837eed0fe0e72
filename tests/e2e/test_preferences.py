#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: Preferences resets progress after saying exactly what is
lost, and the style setting overrides the system's."""

import subprocess

from mlpdriver import App, Profile, check, content_stage, is_checked, run, wait_for


def test_reset_all_progress(build_dir):
    stage = content_stage("monitoring")
    items = stage["items"][:2]
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    try:
        app = App(profile)
        try:
            for item in items:
                app.click(app.wait_find("check box", item["text"]))
            wait_for("the ticks in SQLite", lambda: len(profile.query(
                "SELECT item_id FROM checks WHERE checked = 1")) == 2)

            app.key("ctrl+comma")
            prefs = wait_for("the preferences", lambda: app.find("frame", "Preferences", root=app.node))
            app.click(app.wait_find("push button", "Reset All…", root=prefs))
            # The confirmation says what is lost.
            app.wait_find("label", "This unticks 2 ticked items and forgets your answers to 0 questions",
                          contains=True, root=app.node)
            dialog = app.wait_find("push button", "Reset", root=app.node)
            app.click(dialog)
            wait_for("the reset in SQLite", lambda: profile.query(
                "SELECT count(*) FROM checks WHERE checked = 1") == [(0,)])
            app.key("Escape")
            for item in items:
                wait_for("the reset in the window", lambda: not is_checked(app.find("check box", item["text"])))
            app.wait_find("label", f"0 / {len(stage['items'])}")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def brightness(app, x, y):
    geometry = app.geometry()
    out = subprocess.run(["import", "-window", "root", "-crop", f"1x1+{geometry['X'] + x}+{geometry['Y'] + y}",
                          "-depth", "8", "txt:-"], capture_output=True, text=True, check=True).stdout
    # "0,0: (250,250,250)  #FAFAFA  srgb(250,250,250)"
    values = out.splitlines()[-1].split("(")[1].split(")")[0].split(",")
    return sum(int(float(v)) for v in values[:3]) / 3


def test_style_override(build_dir):
    # The system prefers light; the setting says dark: the window is dark.
    for style, dark in (("'light'", False), ("'dark'", True)):
        profile = Profile(build_dir, {"style": style})
        try:
            app = App(profile, {"ADW_DEBUG_COLOR_SCHEME": "prefer-light"})
            try:
                label = app.wait_find("label", content_stage("framing")["title"])
                extents = label.queryComponent().getExtents(0)
                # The sidebar's background, left of the first stage's title.
                level = wait_for("the window drawn", lambda: brightness(app, 8, extents.y + 2) or None)
                check((level < 128) == dark, f"style {style}: background brightness {level}")
                app.quit()
            finally:
                app.kill()
        finally:
            profile.cleanup()


if __name__ == "__main__":
    run([test_reset_all_progress, test_style_override])
