#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: a daily backup is made at start-up, and restoring an older
one from Preferences brings its progress back, in the window and in
SQLite, while the replaced progress is kept."""

import os
import shutil
import stat

from mlpdriver import App, Profile, check, content_stage, is_checked, run, wait_for, xdotool


def xdotool_key_in(app, node, keys):
    window = app.window_of(node)
    xdotool("windowfocus", "--sync", window)
    xdotool("key", "--clearmodifiers", keys)


def test_restore_from_preferences(build_dir):
    monitoring = content_stage("monitoring")
    item = monitoring["items"][0]
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    backups = os.path.join(profile.data, "mlprep", "backups")
    try:
        app = App(profile)
        try:
            app.click(app.wait_find("check box", item["text"]))
            wait_for("the tick in SQLite", lambda: profile.query(
                "SELECT checked FROM checks WHERE item_id = ?", (item["id"],)) == [(1,)])
            # Today's backup was taken at start-up, private to the user.
            daily = wait_for("today's backup", lambda: [n for n in os.listdir(backups)
                                                         if n.startswith("progress-2")])
            mode = stat.S_IMODE(os.stat(os.path.join(backups, daily[0])).st_mode)
            check(mode == 0o600, f"the backup has mode {oct(mode)}")
            app.quit()
        finally:
            app.kill()

        # Pretend that state was a backup from an earlier day.
        shutil.copy(profile.db_path, os.path.join(backups, "progress-2026-11-20.db"))

        app = App(profile)
        try:
            box = app.wait_find("check box", item["text"])
            app.click(box)
            wait_for("the untick in SQLite", lambda: profile.query(
                "SELECT checked FROM checks WHERE item_id = ?", (item["id"],)) == [(0,)])

            app.key("ctrl+comma")
            prefs = wait_for("the preferences window", lambda: app.find("frame", "Preferences", root=app.node))
            app.click(app.wait_find(None, "Backups", root=prefs))
            title = app.wait_find("label", "11/20/26", contains=True, root=prefs)
            app.wait_find("label", "1 item ticked", contains=True, root=prefs)
            row = title
            while app.find("push button", "Restore…", root=row) is None:
                row = row.parent
            app.click(app.find("push button", "Restore…", root=row))
            dialog = wait_for("the confirmation", lambda: app.find(None, "Restore Progress from", contains=True,
                                                                   root=app.node))
            top = dialog
            while top.parent is not None and top.parent.getRoleName() != "application":
                top = top.parent
            app.click(app.wait_find("push button", "Restore", root=top))

            # The window follows, and so does SQLite.
            wait_for("the tick back in the window", lambda: is_checked(app.find("check box", item["text"])))
            wait_for("the tick back in SQLite", lambda: profile.query(
                "SELECT checked FROM checks WHERE item_id = ?", (item["id"],)) == [(1,)])
            check(os.path.exists(os.path.join(backups, "progress-before-restore.db")),
                  "the replaced progress was not kept")
            app.wait_find("label", "Before the last restore", root=prefs)
            # Ctrl+Q works from the preferences too.
            xdotool_key_in(app, prefs, "ctrl+q")
            check(app.process.wait(timeout=20) == 0, "Ctrl+Q in the preferences did not quit")
        finally:
            app.kill()
    finally:
        profile.cleanup()


if __name__ == "__main__":
    run([test_restore_from_preferences])
