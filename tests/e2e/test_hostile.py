#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end in hostile places: a data folder that cannot be created, and
a read-only one holding earlier progress. The app starts, says what is
wrong, keeps working in memory, and loses nothing stored before."""

import os
import subprocess

from mlpdriver import App, Profile, check, content_stage, is_checked, run, wait_for


def monitoring():
    return content_stage("monitoring")


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


def make_database(path, sql):
    import sqlite3
    db = sqlite3.connect(path)
    db.executescript(sql)
    db.commit()
    db.close()


def test_every_kind_of_bad_database(build_dir):
    """Zero-length, random bytes, cut mid-page, another program's database:
    each is moved aside and the window says what happened and where the
    old file is. A newer MLPrep's database is left alone, with a message."""
    import random

    def zero_length(path):
        open(path, "wb").close()

    def random_bytes(path):
        rng = random.Random(7)
        with open(path, "wb") as f:
            f.write(bytes(rng.getrandbits(8) for _ in range(20000)))

    def truncated(path):
        make_database(path, "CREATE TABLE checks (item_id TEXT PRIMARY KEY, checked INTEGER, changed_at INTEGER);"
                            + "".join(f"INSERT INTO checks VALUES ('item-{i}-{'x' * 60}', 1, {i});" for i in range(600))
                            + "PRAGMA user_version = 1;")
        size = os.path.getsize(path)
        with open(path, "r+b") as f:
            f.truncate(size - 4096 - 1000)

    def foreign(path):
        make_database(path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                            "INSERT INTO moz_places (url) VALUES ('https://example.com');")

    def newer(path):
        make_database(path, "CREATE TABLE future (x); PRAGMA user_version = 99;")

    cases = [(zero_length, "empty", "empty file"), (random_bytes, "corrupt", "damaged"),
             (truncated, "corrupt", "damaged"), (foreign, "foreign", "another program"),
             (newer, None, "newer version")]
    for make, reason, words in cases:
        profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
        try:
            os.makedirs(os.path.dirname(profile.db_path))
            make(profile.db_path)
            with open(profile.db_path, "rb") as f:
                before = f.read()
            app = App(profile)
            try:
                app.wait_find("label", words, contains=True)
                folder = os.path.dirname(profile.db_path)
                if reason:
                    moved = [n for n in os.listdir(folder) if n.startswith(f"progress.db.{reason}-")]
                    check(len(moved) == 1, f"{make.__name__}: expected one progress.db.{reason}-* file, found {moved}")
                    app.wait_find("label", moved[0], contains=True)
                    with open(os.path.join(folder, moved[0]), "rb") as f:
                        check(f.read() == before, f"{make.__name__}: the moved file changed")
                else:
                    with open(profile.db_path, "rb") as f:
                        check(f.read() == before, "the newer database was changed")
                # Either way the app works.
                app.wait_find("check box", monitoring()["items"][0]["text"])
                app.quit()
            finally:
                app.kill()
        finally:
            profile.cleanup()


if __name__ == "__main__":
    run([test_data_folder_cannot_be_created, test_read_only_data_folder, test_every_kind_of_bad_database])
