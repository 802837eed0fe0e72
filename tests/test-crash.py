#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety: a writer ticks items and records answers; we kill it with
SIGKILL at random moments, round after round, on the same database. Every
action it acknowledged (printed after the commit returned) must be in the
database afterwards, and the database must pass integrity_check. Then two
writers at once on the same file (no D-Bus to keep the second away)."""

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

ticks, attempts = set(), set()
results = []


def kill_and_collect(process):
    """Kills a writer and records what it acknowledged; returns how many."""
    process.send_signal(signal.SIGKILL)
    out, _ = process.communicate()
    acked = [line.split(" ", 1) for line in out.splitlines() if " " in line]
    for kind, ident in acked:
        (ticks if kind == "tick" else attempts).add(ident)
    return len(acked)


def lost_and_integrity(path):
    db = sqlite3.connect(path)
    try:
        stored_ticks = {row[0] for row in db.execute("SELECT item_id FROM checks WHERE checked = 1")}
        stored_attempts = {row[0] for row in db.execute("SELECT question_id FROM attempts")}
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
    return (ticks - stored_ticks) | (attempts - stored_attempts), integrity


def start(path, name, pause_ms=None):
    args = [writer, path, name] + ([str(pause_ms)] if pause_ms is not None else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "progress.db")
    total = 0
    for number in range(1, rounds + 1):
        process = start(path, str(number))
        time.sleep(random.uniform(0.02, 0.25))
        acked = kill_and_collect(process)
        total += acked
        lost, integrity = lost_and_integrity(path)
        ok = not lost and integrity == "ok" and process.returncode == -signal.SIGKILL
        results.append((ok, f"round {number}: {acked} actions acknowledged, "
                            f"{len(lost)} lost, integrity_check {integrity}"))

    # Each pauses a little between actions, as two people clicking would;
    # flat out, SQLite's lock has no fairness and one may starve the other.
    writers = [start(path, f"two{n}", pause_ms=5) for n in (1, 2)]
    time.sleep(3.0)
    per_writer = [kill_and_collect(process) for process in writers]
    lost, integrity = lost_and_integrity(path)
    results.append((not lost and integrity == "ok" and min(per_writer) > 0,
                    f"two writers at once: {per_writer[0]} and {per_writer[1]} actions, "
                    f"{len(lost)} lost, integrity_check {integrity}"))

    # The test must have exercised something: hundreds of actions in all.
    results.append((total >= 200, f"{total} acknowledged actions over {rounds} kills"))

print(f"1..{len(results)}")
for number, (ok, text) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} {text}")
sys.exit(0 if all(ok for ok, _ in results) else 1)
