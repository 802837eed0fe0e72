#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end in hostile places: a data folder that cannot be created, and
a read-only one holding earlier progress. The app starts, says what is
wrong, keeps working in memory, and loses nothing stored before."""

import json
import os
import subprocess

import pyatspi

from mlpdriver import App, Profile, check, run, wait_for

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def monitoring():
    with open(os.path.join(ROOT, "data", "content", "monitoring.json"), encoding="utf-8") as f:
        return json.load(f)["stages"][0]


def is_checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED)


def test_data_folder_cannot_be_created(build_dir):
    stage = monitoring()
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    try:
        # Where the data folder should be there is a file (a broken home).
        blocker = os.path.join(profile.root, "not-a-folder")
        open(blocker, "w").close()
        app = App(profile, {"XDG_DATA_HOME": os.path.join(blocker, "data")})
        try:
            app.wait_find("label", "Your progress cannot be saved", contains=True)
            box = app.wait_find("check box", stage["items"][0]["text"])
            app.click(box)
            wait_for("the tick, in memory", lambda: is_checked(app.find("check box", stage["items"][0]["text"])))
            app.wait_find("label", f"1 / {len(stage['items'])}")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_read_only_data_folder(build_dir):
    stage = monitoring()
    first, second = stage["items"][0], stage["items"][1]
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    try:
        app = App(profile)
        try:
            app.click(app.wait_find("check box", first["text"]))
            wait_for("the tick in SQLite", lambda: profile.query(
                "SELECT checked FROM checks WHERE item_id = ?", (first["id"],)) == [(1,)])
            app.quit()
        finally:
            app.kill()

        folder = os.path.join(profile.data, "mlprep")
        # A private mount namespace where the data folder is mounted
        # read-only (as root, permissions alone would not stop a write).
        wrapper = ("unshare", "-m", "sh", "-c",
                   f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' && exec \"$0\"")
        probe = subprocess.run([*wrapper[:-1], wrapper[-1].replace('exec "$0"', "touch '" + folder + "/x'")],
                               capture_output=True)
        check(probe.returncode != 0, "the read-only mount did not take (the folder is writable)")
        app = App(profile, wrapper=wrapper)
        try:
            app.wait_find("label", "Your progress cannot be saved", contains=True)
            # What was saved before is shown, and the session works in memory.
            check(is_checked(app.wait_find("check box", first["text"])), "the earlier tick is not shown")
            app.click(app.wait_find("check box", second["text"]))
            wait_for("the new tick, in memory", lambda: is_checked(app.find("check box", second["text"])))
            app.quit()
        finally:
            app.kill()

        rows = profile.query("SELECT item_id, checked FROM checks")
        check(rows == [(first["id"], 1)], f"the database changed or lost progress: {rows}")
    finally:
        profile.cleanup()


if __name__ == "__main__":
    run([test_data_folder_cannot_be_created, test_read_only_data_folder])
