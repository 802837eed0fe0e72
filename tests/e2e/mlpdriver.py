# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive the real MLPrep binary as a person would.

Widgets are found through the accessibility tree (pyatspi) and clicked
with the real X pointer (xdotool) at the position the tree reports.
Run under Xvfb inside a D-Bus session (see tests/meson.build).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

import pyatspi

TIMEOUT = 20.0
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


class TestFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def wait_for(what, predicate, timeout=TIMEOUT):
    """Polls predicate until it returns something truthy, which is returned."""
    deadline = time.monotonic() + timeout
    last_error = None
    if os.environ.get("MLP_E2E_VERBOSE"):
        print(f"# waiting for {what}", file=sys.stderr, flush=True)
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except Exception as error:  # the tree changes under us; retry
            last_error = error
        time.sleep(0.1)
    raise TestFailure(f"timed out waiting for {what}" + (f" ({last_error})" if last_error else ""))


def content_stage(stage_id):
    """The built-in stage as its JSON pack defines it (English msgids)."""
    with open(os.path.join(ROOT, "data", "content", stage_id + ".json"), encoding="utf-8") as f:
        return json.load(f)["stages"][0]


def is_checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED)


def xdotool(*args):
    return subprocess.run(["xdotool", *args], check=True, capture_output=True, text=True).stdout


class Profile:
    """A fresh user: data and config folders of its own, kept across restarts."""

    def __init__(self, build_dir, settings=None):
        self.build_dir = os.path.abspath(build_dir)
        self.root = tempfile.mkdtemp(prefix="mlprep-e2e-")
        self.data = os.path.join(self.root, "data")
        self.config = os.path.join(self.root, "config")
        os.makedirs(os.path.join(self.config, "glib-2.0", "settings"))
        if settings:
            with open(os.path.join(self.config, "glib-2.0", "settings", "keyfile"), "w") as f:
                f.write("[com/example/MLPrep]\n")
                for key, value in settings.items():
                    f.write(f"{key}={value}\n")

    @property
    def db_path(self):
        return os.path.join(self.data, "mlprep", "progress.db")

    def query(self, sql, params=()):
        check(os.path.exists(self.db_path), f"no database at {self.db_path}")
        db = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def env(self, extra=None):
        env = dict(os.environ)
        env.pop("NO_AT_BRIDGE", None)
        env.update({
            "XDG_DATA_HOME": self.data,
            "XDG_CONFIG_HOME": self.config,
            "XDG_CACHE_HOME": os.path.join(self.root, "cache"),
            "GSETTINGS_BACKEND": "keyfile",
            "GSETTINGS_SCHEMA_DIR": os.path.join(self.build_dir, "data"),
            "GTK_A11Y": "atspi",
        })
        env.update(extra or {})
        return env

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


# The apps the running test started, to report on if it fails.
_started = []


class App:
    def __init__(self, profile, extra_env=None, wrapper=(), args=()):
        _started.append(self)
        self.profile = profile
        binary = os.path.join(profile.build_dir, "src", "mlprep")
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen([*wrapper, binary, *args], env=profile.env(extra_env),
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.node = wait_for("the app on the accessibility bus", self._find_app)
        self.frame = wait_for("the main window", lambda: self.find("frame", "MLPrep", root=self.node))
        self.window = wait_for("the X window", self._find_x_window)

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.get_process_id() == self.process.pid:
                return child
        check(self.process.poll() is None, f"the app exited early:\n{self.output()}")
        return None

    def _find_x_window(self):
        out = subprocess.run(["xdotool", "search", "--pid", str(self.process.pid)],
                             capture_output=True, text=True).stdout.split()
        for wid in out:
            geometry = xdotool("getwindowgeometry", "--shell", wid)
            values = dict(line.split("=") for line in geometry.split())
            if int(values["WIDTH"]) > 100:
                return wid
        return None

    def output(self):
        self.log.seek(0)
        return self.log.read()

    # --- the accessibility tree -------------------------------------------

    def find_all(self, role=None, name=None, root=None, showing=True, contains=False):
        found = []

        def matches(node):
            if role is not None and node.getRoleName() != role:
                return False
            if name is not None:
                if contains and name not in (node.name or ""):
                    return False
                if not contains and node.name != name:
                    return False
            if showing:
                states = node.getState()
                if not states.contains(pyatspi.STATE_VISIBLE):
                    return False
                extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                if extents.width <= 0 or extents.height <= 0:
                    return False
            return True

        def walk(node, depth):
            if node is None or depth > 60:
                return
            try:
                if matches(node):
                    found.append(node)
                for i in range(node.childCount):
                    walk(node.getChildAtIndex(i), depth + 1)
            except Exception:
                pass

        walk(root if root is not None else self.frame, 0)
        return found

    def find(self, role=None, name=None, root=None, **kwargs):
        nodes = self.find_all(role, name, root, **kwargs)
        return nodes[0] if nodes else None

    def wait_find(self, role, name, **kwargs):
        return wait_for(f"{role} “{name}”", lambda: self.find(role, name, **kwargs))

    def texts(self, role="label"):
        return [n.name for n in self.find_all(role)]

    # --- the real mouse and keyboard ----------------------------------------

    def geometry(self, window=None):
        values = dict(line.split("=") for line in
                      xdotool("getwindowgeometry", "--shell", window or self.window).split())
        return {key: int(value) for key, value in values.items()}

    def window_of(self, node):
        """The X window of the toplevel (main window, dialog…) holding node:
        positions in the tree are relative to it."""
        top = node
        while top.parent is not None and top.parent.getRoleName() != "application":
            top = top.parent
        if top.name == "MLPrep" or top.name == self.frame.name:
            return self.window
        out = subprocess.run(["xdotool", "search", "--pid", str(self.process.pid), "--name", f"^{top.name}$"],
                             capture_output=True, text=True).stdout.split()
        return out[-1] if out else self.window

    def move_pointer(self, x, y):
        # No --sync: it waits forever when the pointer is already there.
        xdotool("mousemove", str(x), str(y))
        time.sleep(0.05)

    def scroll_into_view(self, node, window=None):
        """Scrolls the enclosing scroll pane with the mouse wheel, as a
        person would, until node is inside it."""
        pane = node.parent
        while pane is not None and pane.getRoleName() != "scroll pane":
            pane = pane.parent
        if pane is None:
            return
        geometry = self.geometry(window)
        view = pane.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        for _ in range(80):
            extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if extents.y < view.y:
                button = "4"
            elif extents.y + extents.height > view.y + view.height:
                button = "5"
            else:
                return
            # Near the pane's edge, in its margin: over a text view in the
            # middle, the wheel would scroll the text view instead.
            self.move_pointer(geometry["X"] + view.x + 9,
                              geometry["Y"] + view.y + view.height // 2)
            xdotool("click", button)
            time.sleep(0.05)
        raise TestFailure(f"could not scroll “{node.name}” into view")

    def click(self, node):
        window = self.window_of(node)
        self.scroll_into_view(node, window)
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        check(extents.width > 0 and extents.height > 0, f"“{node.name}” is not on screen")
        geometry = self.geometry(window)
        x = geometry["X"] + extents.x + min(extents.width // 2, 12)
        y = geometry["Y"] + extents.y + extents.height // 2
        self.move_pointer(x, y)
        xdotool("click", "1")
        time.sleep(0.2)

    def key(self, keys):
        xdotool("windowfocus", "--sync", self.window)
        xdotool("key", "--clearmodifiers", keys)
        time.sleep(0.2)

    def type_text(self, text):
        xdotool("type", "--delay", "5", text)
        time.sleep(0.2)

    def quit(self):
        """Quits with Ctrl+Q, as a person would, and waits for the process."""
        self.key("ctrl+q")
        try:
            code = self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise TestFailure("Ctrl+Q did not quit the app")
        check(code == 0, f"the app exited with {code}:\n{self.output()}")
        check("CRITICAL" not in self.output(), f"the app logged criticals:\n{self.output()}")

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def run(tests):
    """Runs each test function with a build dir argument; TAP output."""
    build_dir = sys.argv[1]
    only = os.environ.get("MLP_E2E_ONLY")
    if only:
        tests = [test for test in tests if only in test.__name__]
    print(f"1..{len(tests)}")
    failed = 0
    for number, test in enumerate(tests, 1):
        try:
            test(build_dir)
            print(f"ok {number} {test.__name__}")
        except Exception as error:
            failed += 1
            print(f"not ok {number} {test.__name__}")
            for line in str(error).splitlines() or [repr(error)]:
                print(f"# {line}")
            # Where it failed, and how each app it started was doing then
            # (an app that died says why in its output).
            for line in traceback.format_exc().splitlines():
                print(f"#   {line}")
            for app in _started:
                code = app.process.poll()
                state = "still running" if code is None else f"exited with {code}"
                print(f"# app {app.process.pid} {state}; its last output:")
                for line in app.output().splitlines()[-40:]:
                    print(f"#   {line}")
        finally:
            for app in _started:
                app.kill()
            _started.clear()
        sys.stdout.flush()
    sys.exit(1 if failed else 0)


def read_po(path):
    """Returns {msgid: msgstr} for the translated singular messages of a
    .po file (PO string literals are valid Python string literals)."""
    entries, current, field = {}, {}, None
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines() + [""]:
            if line.startswith("msgid "):
                current, field = {"msgid": [line[6:]]}, "msgid"
            elif line.startswith("msgid_plural ") or line.startswith("msgstr["):
                field = None
                current["plural"] = True
            elif line.startswith("msgstr "):
                current["msgstr"], field = [line[7:]], "msgstr"
            elif line.startswith('"') and field:
                current[field].append(line)
            elif not line.strip() and current:
                if "msgstr" in current and not current.get("plural"):
                    msgid = "".join(eval(part) for part in current["msgid"])
                    msgstr = "".join(eval(part) for part in current["msgstr"])
                    if msgid and msgstr:
                        entries[msgid] = msgstr
                current, field = {}, None
    return entries
