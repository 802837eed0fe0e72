#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety: a writer ticks items and records answers; we kill it with
SIGKILL at random moments, round after round, on the same database. Every
action it acknowledged (printed after the commit returned) must be in the
database afterwards, and the database must pass integrity_check."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

writer = sys.argv[1]
rounds = 25
random.seed(int(os.environ.get("CRASH_SEED", "20261126")))

print(f"1..{rounds + 2}")
failed = 0
total_acked = 0
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "progress.db")
    ticks, attempts = set(), set()
    for round_number in range(1, rounds + 1):
        process = subprocess.Popen([writer, path, str(round_number)], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(random.uniform(0.02, 0.25))
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate()
        acked = [line.split(" ", 1) for line in out.splitlines() if " " in line]
        for kind, ident in acked:
            (ticks if kind == "tick" else attempts).add(ident)
        total_acked += len(acked)

        db = sqlite3.connect(path)
        try:
            stored_ticks = {row[0] for row in db.execute("SELECT item_id FROM checks WHERE checked = 1")}
            stored_attempts = {row[0] for row in db.execute("SELECT question_id FROM attempts")}
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            db.close()
        lost = (ticks - stored_ticks) | (attempts - stored_attempts)
        if lost or integrity != "ok" or process.returncode != -signal.SIGKILL:
            failed += 1
            print(f"not ok {round_number} round {round_number}")
            print(f"# lost {len(lost)} acknowledged actions, e.g. {sorted(lost)[:3]}; "
                  f"integrity_check: {integrity}; exit {process.returncode}; {err.strip()[:200]}")
        else:
            print(f"ok {round_number} round {round_number}: {len(acked)} actions acknowledged, all stored")
        sys.stdout.flush()

    # Two processes on one file at once (no D-Bus to keep the second
    # away): both make progress, neither corrupts the file, nothing
    # either acknowledged is lost.
    writers = [subprocess.Popen([writer, path, f"two{n}"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    time.sleep(1.0)
    per_writer = []
    for process in writers:
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate()
        acked = [line.split(" ", 1) for line in out.splitlines() if " " in line]
        per_writer.append(len(acked))
        for kind, ident in acked:
            (ticks if kind == "tick" else attempts).add(ident)
    db = sqlite3.connect(path)
    try:
        stored_ticks = {row[0] for row in db.execute("SELECT item_id FROM checks WHERE checked = 1")}
        stored_attempts = {row[0] for row in db.execute("SELECT question_id FROM attempts")}
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
    lost = (ticks - stored_ticks) | (attempts - stored_attempts)
    rounds += 1
    if lost or integrity != "ok" or min(per_writer) == 0:
        failed += 1
        print(f"not ok {rounds} two writers at once: acknowledged {per_writer}, lost {len(lost)}, "
              f"integrity_check {integrity}")
    else:
        print(f"ok {rounds} two writers at once: {per_writer[0]} and {per_writer[1]} actions, all stored")

    # The test must have exercised something: hundreds of actions in all.
    rounds += 1
    if total_acked >= 200:
        print(f"ok {rounds} {total_acked} acknowledged actions over {rounds - 2} kills")
    else:
        failed += 1
        print(f"not ok {rounds} only {total_acked} acknowledged actions over {rounds - 2} kills")

sys.exit(1 if failed else 0)
