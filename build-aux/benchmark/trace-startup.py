#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where start-up time goes: runs the bare window and MLPrep with
MLPREP_STARTUP_PROBE=trace and prints, per phase, the median time it took
(from the end of the phase before; "main" is from the launch, i.e. loading
the program and its libraries), side by side.

    tests/run-with-display.sh /usr/bin/python3 build-aux/benchmark/trace-startup.py BUILD_DIR [RUNS] [PACKS_DIR]

PACKS_DIR, if given, is copied in as the user's content packs. The last
lines count the window's widgets at the first frame, and those drawn.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

import probe

build = os.path.abspath(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9
packs = sys.argv[3] if len(sys.argv) > 3 else None
programs = {"bare": os.path.join(build, "build-aux", "benchmark", "bare-window"),
            "MLPrep": os.path.join(build, "src", "mlprep")}


def run(program, root):
    env = probe.environment(build, root, "trace")
    start = time.monotonic()
    out = subprocess.run([program], env=env, capture_output=True, text=True, timeout=300, check=True).stdout
    marks = [(line.split()[1], int(line.split()[2])) for line in out.splitlines() if line.startswith("trace ")]
    # "widgets TYPE ALL DRAWN" lines: the window's widgets at the first frame.
    census = [line.split()[1:] for line in out.splitlines() if line.startswith("widgets ")]
    widgets[program] = (sum(int(c[1]) for c in census), sum(int(c[2]) for c in census))
    # The probe's clock is CLOCK_MONOTONIC, as is Python's: from the
    # launch to main() is loading the program and its libraries.
    marks.insert(0, ("launch", int(start * 1e6)))
    # Each phase's duration, from the end of the one before; the first
    # mark (the launch) is the zero.
    return {name: (t - marks[i - 1][1]) / 1000 for i, (name, t) in enumerate(marks) if i > 0}, \
        (marks[-1][1] - marks[0][1]) / 1000


widgets = {}
root = probe.profile(prefix="mlprep-trace-")
try:
    if packs:
        shutil.copytree(packs, os.path.join(root, "data", "mlprep", "packs"))
    table, totals, order = {}, {}, []
    for label, program in programs.items():
        run(program, root)  # warm the caches
        samples = [run(program, root) for _ in range(runs)]
        order = list(samples[0][0])  # MLPrep's phases come last and are a superset
        table[label] = {name: statistics.median(p.get(name, 0.0) for p, _ in samples) for name in order}
        totals[label] = statistics.median(total for _, total in samples)
    print(f"medians of {runs} runs, ms (each phase from the end of the one before)")
    print(f"{'phase':<14}" + "".join(f"{label:>10}" for label in programs))
    for name in order:
        print(f"{name:<14}" + "".join(f"{table[label].get(name, 0.0):>10.1f}" for label in programs))
    print(f"{'launch → frame':<14}" + "".join(f"{totals[label]:>10.1f}" for label in programs))
    print(f"{'widgets':<14}" + "".join(f"{widgets[p][0]:>10}" for p in programs.values()))
    print(f"{'  drawn':<14}" + "".join(f"{widgets[p][1]:>10}" for p in programs.values()))
finally:
    shutil.rmtree(root, ignore_errors=True)
