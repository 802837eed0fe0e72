#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A/B of start-up: launches each program in turn, RUNS times, each in a
profile of its own, and stops it at its first frame; prints the medians
of launch → first frame and of CPU time (user + system, all threads) to
the first frame, and each program's ratio to the first one. CPU time is
the steadier of the two on a shared machine.

    tests/run-with-display.sh /usr/bin/python3 build-aux/benchmark/compare-startup.py BUILD_DIR PROGRAM... [-n RUNS]

To compare two versions of MLPrep, copy the first build's src/mlprep
aside (its resources are compiled in) and pass both, e.g. with
build/build-aux/benchmark/bare-window first.
"""

import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time

import probe

args = sys.argv[1:]
runs = 30
if "-n" in args:
    i = args.index("-n")
    runs = int(args[i + 1])
    del args[i:i + 2]
build, programs = os.path.abspath(args[0]), [os.path.abspath(p) for p in args[1:]]


def launch(program, root):
    """Launch → first frame (ms) and the CPU time it took (ms)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    process = subprocess.Popen([program], env=probe.environment(build, root, "1"),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    wall = None
    for line in process.stdout:
        if line.startswith("probe first-frame-us "):
            wall = (int(line.split()[2]) / 1e6 - start) * 1000
            process.send_signal(signal.SIGKILL)
            break
    process.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if wall is None:
        sys.exit(f"{program} exited before its first frame")
    return wall, (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


roots = [probe.profile(prefix="mlprep-compare-") for _ in programs]
try:
    for program, root in zip(programs, roots):
        launch(program, root)  # the page cache, the pack index
    walls = [[] for _ in programs]
    cpus = [[] for _ in programs]
    for _ in range(runs):
        for i, (program, root) in enumerate(zip(programs, roots)):
            wall, cpu = launch(program, root)
            walls[i].append(wall)
            cpus[i].append(cpu)
    base_wall, base_cpu = statistics.median(walls[0]), statistics.median(cpus[0])
    print(f"medians of {runs} starts, stopped at the first frame")
    for program, wall, cpu in zip(programs, walls, cpus):
        wall, cpu = statistics.median(wall), statistics.median(cpu)
        print(f"{os.path.basename(program):<24} first frame {wall:6.1f} ms ({wall / base_wall:.2f})"
              f"   CPU {cpu:6.1f} ms ({cpu / base_cpu:.2f})")
finally:
    for root in roots:
        shutil.rmtree(root, ignore_errors=True)
