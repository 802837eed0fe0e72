#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: MLPrep opens no network socket and works without a
network; a second launch hands over to the running instance."""

import os
import subprocess

import pyatspi

from mlpdriver import App, Profile, check, content_stage, run, wait_for

INET_TABLES = ("tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6")


def first_item():
    return content_stage("monitoring")["items"][0]


def socket_inodes(pid):
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def inet_inodes(pid):
    inodes = set()
    for table in INET_TABLES:
        try:
            with open(f"/proc/{pid}/net/{table}") as f:
                for line in f.readlines()[1:]:
                    fields = line.split()
                    if len(fields) > 9:
                        inodes.add(fields[9])
        except FileNotFoundError:
            pass
    return inodes


def test_no_network_sockets(build_dir):
    item = first_item()
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    try:
        app = App(profile)
        try:
            app.click(app.wait_find("check box", item["text"]))
            app.click(app.wait_find("page tab", "Quiz"))
            app.wait_find("label", "answered", contains=True)
            sockets = socket_inodes(app.process.pid)
            # It does talk to X and D-Bus, over local sockets: the check sees them.
            check(sockets, "no sockets found at all: the check cannot see any")
            network = sockets & inet_inodes(app.process.pid)
            check(not network, f"MLPrep holds {len(network)} network socket(s)")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_works_without_network(build_dir):
    item = first_item()
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    try:
        # A network namespace of its own: not even loopback is up.
        app = App(profile, wrapper=("unshare", "-n"))
        try:
            app.click(app.wait_find("check box", item["text"]))
            wait_for("the tick in SQLite", lambda: profile.query(
                "SELECT checked FROM checks WHERE item_id = ?", (item["id"],)) == [(1,)])
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_second_launch_uses_first(build_dir):
    profile = Profile(build_dir)
    try:
        app = App(profile)
        try:
            second = subprocess.run([os.path.join(profile.build_dir, "src", "mlprep")],
                                    env=profile.env(), capture_output=True, text=True, timeout=20)
            check(second.returncode == 0, f"the second launch failed: {second.stderr}")
            check(app.process.poll() is None, "the first instance went away")
            desktop = pyatspi.Registry.getDesktop(0)
            instances = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
            instances = [a for a in instances if a is not None and a.name == "mlprep"]
            check(len(instances) == 1, f"{len(instances)} MLPrep processes on the bus")
            frames = app.find_all("frame", "MLPrep", root=app.node, showing=False)
            check(len(frames) == 1, f"{len(frames)} main windows")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


if __name__ == "__main__":
    run([test_no_network_sockets, test_works_without_network, test_second_launch_uses_first])
