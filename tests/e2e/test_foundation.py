#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: tick, answer and self-grade with the real mouse; restart;
check the window and SQLite."""

import os
import subprocess
import time

import pyatspi

from mlpdriver import App, Profile, check, content_stage, is_checked, run, wait_for, xdotool


def open_stage(app, title):
    app.click(app.wait_find("label", title))


def test_tick_survives_restart(build_dir):
    monitoring = content_stage("monitoring")
    item = monitoring["items"][0]
    total = len(monitoring["items"])
    profile = Profile(build_dir)
    try:
        app = App(profile)
        try:
            open_stage(app, monitoring["title"])
            box = app.wait_find("check box", item["text"])
            check(not is_checked(box), "the item starts ticked in a fresh profile")
            app.click(box)
            wait_for("the tick in the window", lambda: is_checked(app.find("check box", item["text"])))
            # Written at once, before quitting.
            wait_for("the tick in SQLite", lambda: profile.query(
                "SELECT checked FROM checks WHERE item_id = ?", (item["id"],)) == [(1,)])
            app.wait_find("label", f"1 / {total}")
            app.quit()
        finally:
            app.kill()

        app = App(profile)
        try:
            # The selected stage is restored, and the item is still ticked.
            box = app.wait_find("check box", item["text"])
            check(is_checked(box), "the item is not ticked after a restart")
            app.wait_find("label", f"1 / {total}")
            check(profile.query("SELECT item_id, checked FROM checks") == [(item["id"], 1)],
                  "SQLite holds something other than the one tick")

            # Unticking is saved too.
            app.click(box)
            wait_for("the untick in SQLite", lambda: profile.query(
                "SELECT checked FROM checks WHERE item_id = ?", (item["id"],)) == [(0,)])
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_quiz_attempts_stored(build_dir):
    monitoring = content_stage("monitoring")
    first, second = monitoring["questions"][0], monitoring["questions"][1]
    check(first["kind"] == "choice" and second["kind"] == "choice",
          "the test expects the monitoring quiz to open with two multiple-choice questions")
    right = next(c for c in first["choices"] if c["correct"])
    wrong = next(c for c in second["choices"] if not c["correct"])
    n = len(monitoring["questions"])
    profile = Profile(build_dir)
    try:
        app = App(profile)
        try:
            open_stage(app, monitoring["title"])
            app.click(app.wait_find("page tab", "Quiz"))
            app.wait_find("label", first["prompt"])
            app.click(app.wait_find("push button", right["text"]))
            app.wait_find("label", "Correct.")
            # Every choice's explanation is shown after answering.
            for choice in first["choices"]:
                app.wait_find("label", choice["explanation"])
            wait_for("the attempt in SQLite", lambda: profile.query(
                "SELECT question_id, choice_id, correct FROM attempts") == [(first["id"], right["id"], 1)])
            app.wait_find("label", f"1 of {n} answered · 1 right")

            app.click(app.wait_find("push button", "Next Question"))
            app.wait_find("label", second["prompt"])
            app.click(app.wait_find("push button", wrong["text"]))
            app.wait_find("label", f"2 of {n} answered · 1 right")
            wait_for("the wrong attempt in SQLite", lambda: profile.query(
                "SELECT choice_id, correct FROM attempts WHERE question_id = ?", (second["id"],))
                == [(wrong["id"], 0)])
            app.quit()
        finally:
            app.kill()

        rows = profile.query("SELECT answered_at FROM attempts")
        check(len(rows) == 2 and all(r[0] > 1700000000 for r in rows), f"bad attempt times {rows}")

        app = App(profile)
        try:
            # Stage and pane are restored; the quiz continues at the first
            # question not yet answered, and the counts come from SQLite.
            app.wait_find("label", f"2 of {n} answered · 1 right")
            app.wait_find("label", monitoring["questions"][2]["prompt"])
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_scenario_self_grade(build_dir):
    monitoring = content_stage("monitoring")
    index, scenario = next((i, q) for i, q in enumerate(monitoring["questions"])
                           if q["kind"] == "scenario")
    profile = Profile(build_dir, {"selected-stage": "'monitoring'", "selected-pane": "'quiz'"})
    try:
        app = App(profile)
        try:
            app.wait_find("label", monitoring["questions"][0]["prompt"])
            for _ in range(index):
                app.click(app.wait_find("push button", "Skip"))
            app.wait_find("label", scenario["prompt"])

            app.click(app.wait_find("text", "Your answer (optional)"))
            app.type_text("Check the pipeline first")
            app.click(app.wait_find("push button", "Show Model Answer"))
            app.wait_find("label", scenario["model_answer"])
            for point in scenario["key_points"][:2]:
                app.click(app.wait_find("check box", point))
            # The user overrides the grade the key points suggest.
            app.click(app.wait_find("push button", "Easy"))
            wait_for("the self-graded attempt in SQLite", lambda: profile.query(
                "SELECT question_id, choice_id, answer_text, points_mask, points_total FROM attempts")
                == [(scenario["id"], None, "Check the pipeline first", 3, len(scenario["key_points"]))])
            wait_for("its review with the chosen grade", lambda: profile.query(
                "SELECT question_id, grade, source, stability_before IS NULL, stability_after > 10"
                " FROM reviews") == [(scenario["id"], 4, "quiz", 1, 1)])
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "page tab",
               "text", "entry", "menu item", "check menu item", "combo box", "slider",
               "spin button", "link", "toggle"}


def unnamed_controls(app, root=None):
    found = []
    for node in app.find_all(root=root):
        try:
            role, name = node.getRoleName(), (node.name or "").strip()
            parent = node.parent
            where = f"{parent.getRoleName()} “{parent.name}”"
        except Exception:
            # Gone since the walk (the undo toast times out, for one): AT-SPI
            # then says "The application no longer exists". Not on screen.
            continue
        # GTK falls back to the class name when nothing names a widget.
        if role in INTERACTIVE and (not name or name.startswith("Gtk") or name.startswith("Adw") or "_" in name):
            found.append(f"{role} “{name}” in {where}")
    return found


def test_every_control_named(build_dir):
    monitoring = content_stage("monitoring")
    index = next(i for i, q in enumerate(monitoring["questions"]) if q["kind"] == "scenario")
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    try:
        os.makedirs(os.path.dirname(profile.db_path))
        with open(profile.db_path, "wb") as f:
            f.write(b"not a database " * 500)
        app = App(profile)
        try:
            problems = []
            # The damaged file was moved aside, and the window says where.
            moved = [name for name in os.listdir(os.path.dirname(profile.db_path))
                     if name.startswith("progress.db.corrupt-")]
            check(len(moved) == 1, f"expected one file moved aside, found {moved}")
            app.wait_find("label", "damaged", contains=True)
            app.wait_find("label", moved[0], contains=True)
            problems += unnamed_controls(app)
            app.click(app.wait_find("push button", "Dismiss"))
            # GTK 4.8 keeps stale extents on the hidden label; the bar itself
            # collapses to no height.
            bar = app.find("filler", "GtkInfoBar", showing=False)
            wait_for("the message to go", lambda: bar.queryComponent().getExtents(pyatspi.WINDOW_COORDS).height == 0)

            # The checklist with a detail open.
            app.click(app.wait_find("push button", "Details"))
            app.wait_find("label", monitoring["items"][0]["detail"])
            problems += unnamed_controls(app)

            # An answered multiple-choice question.
            app.click(app.wait_find("page tab", "Quiz"))
            app.click(app.wait_find("push button", monitoring["questions"][0]["choices"][0]["text"]))
            app.wait_find("push button", "Next Question")
            problems += unnamed_controls(app)

            # A scenario with its model answer and key points.
            app.click(app.wait_find("push button", "Next Question"))
            for _ in range(index - 1):
                app.click(app.wait_find("push button", "Skip"))
            app.click(app.wait_find("push button", "Show Model Answer"))
            app.wait_find("check box", monitoring["questions"][index]["key_points"][0])
            problems += unnamed_controls(app)

            # The main menu.
            app.click(app.wait_find("push button", "Main Menu"))
            app.wait_find("menu item", "About MLPrep", root=app.node)
            problems += unnamed_controls(app, root=app.node)
            app.key("Escape")

            check(not problems, "controls without an accessible name:\n" + "\n".join(sorted(set(problems))))

            # The fresh database works.
            app.click(app.wait_find("page tab", "Checklist"))
            app.click(app.wait_find("check box", monitoring["items"][1]["text"]))
            wait_for("the tick in the new database", lambda: profile.query(
                "SELECT checked FROM checks WHERE item_id = ?", (monitoring["items"][1]["id"],)) == [(1,)])
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def bottom_tab(app, name):
    """The view switcher's tab @name at the bottom of the window (GTK 4.8
    keeps the hidden header bar switcher's tabs in the tree, as showing)."""
    height = app.geometry()["HEIGHT"]
    return wait_for(f"page tab “{name}” at the bottom",
                    lambda: next((node for node in app.find_all("page tab", name, showing=False)
                                  if node.queryComponent().getExtents(pyatspi.WINDOW_COORDS).y > height - 80),
                                 None))


def test_narrow_window(build_dir):
    monitoring = content_stage("monitoring")
    profile = Profile(build_dir, {"selected-stage": "'monitoring'", "window-width": "360",
                                  "window-height": "640"})
    try:
        app = App(profile)
        try:
            # Folded: the stage's checklist fills the window; the sidebar is one
            # tap away and comes back with the stage still ticked.
            width = app.geometry()["WIDTH"]
            check(width <= 400, f"the window is {width} px wide, not narrow")
            box = app.wait_find("check box", monitoring["items"][0]["text"])
            extents = box.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            check(extents.x + extents.width <= width, "the checklist is cut off at 360 px")
            # The view switcher is at the bottom: the header bar has no room.
            app.click(bottom_tab(app, "Quiz"))
            app.wait_find("push button", monitoring["questions"][0]["choices"][0]["text"])
            app.click(bottom_tab(app, "Checklist"))
            app.click(app.wait_find("check box", monitoring["items"][0]["text"]))
            app.click(app.wait_find("push button", "Back to Stages"))
            app.wait_find("label", "1 / 16")
            app.click(app.wait_find("label", content_stage("testing")["title"]))
            app.wait_find("check box", content_stage("testing")["items"][0]["text"])
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()

    # A window that opens wide and is made narrow gets the bottom switcher
    # then (it is built when first needed).
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    try:
        app = App(profile)
        try:
            tab = app.wait_find("page tab", "Quiz")
            check(tab.queryComponent().getExtents(pyatspi.WINDOW_COORDS).y < 60,
                  "the wide window's view switcher is not in its header bar")
            xdotool("windowsize", app.window, "380", "640")
            wait_for("the narrow window", lambda: app.geometry()["WIDTH"] <= 400)
            app.click(bottom_tab(app, "Quiz"))
            app.wait_find("push button", monitoring["questions"][0]["choices"][0]["text"])
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_undo_a_tick(build_dir):
    monitoring = content_stage("monitoring")
    item = monitoring["items"][2]
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})

    def stored():
        return profile.query("SELECT checked FROM checks WHERE item_id = ?", (item["id"],))

    try:
        app = App(profile)
        try:
            app.click(app.wait_find("check box", item["text"]))
            wait_for("the tick in SQLite", lambda: stored() == [(1,)])

            # Ctrl+Z takes it back, in the window and in SQLite; Ctrl+Shift+Z redoes.
            app.key("ctrl+z")
            wait_for("the untick in the window", lambda: not is_checked(app.find("check box", item["text"])))
            wait_for("the untick in SQLite", lambda: stored() == [(0,)])
            app.key("ctrl+shift+z")
            wait_for("the redo in SQLite", lambda: stored() == [(1,)])
            check(is_checked(app.find("check box", item["text"])), "the redo is not shown")

            # The toast's Undo button does the same.
            app.click(app.wait_find("check box", item["text"]))
            wait_for("the second untick in SQLite", lambda: stored() == [(0,)])
            app.click(app.wait_find("push button", "Undo"))
            wait_for("the toast's undo in SQLite", lambda: stored() == [(1,)])
            check(is_checked(app.find("check box", item["text"])), "the toast's undo is not shown")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_keyboard(build_dir):
    order = ["framing", "data-collection", "data-validation", "features"]
    profile = Profile(build_dir, {"selected-stage": "'framing'"})
    try:
        app = App(profile)
        try:
            app.wait_find("check box", content_stage("framing")["items"][0]["text"])
            # Ctrl+3 opens the third stage, Alt+Down the next, Alt+Up goes back.
            app.key("ctrl+3")
            app.wait_find("check box", content_stage(order[2])["items"][0]["text"])
            app.key("alt+Down")
            app.wait_find("check box", content_stage(order[3])["items"][0]["text"])
            app.key("alt+Up")
            third = content_stage(order[2])
            app.wait_find("check box", third["items"][0]["text"])

            # In the quiz, a letter picks that answer and Enter moves on.
            app.click(app.wait_find("page tab", "Quiz"))
            question = third["questions"][0]
            app.wait_find("label", question["prompt"])
            app.key("c")
            wait_for("the keyboard answer in SQLite", lambda: profile.query(
                "SELECT question_id, choice_id FROM attempts") == [(question["id"], "c")])
            app.key("Return")
            app.wait_find("label", third["questions"][1]["prompt"])
            app.key("1")
            wait_for("the second keyboard answer", lambda: len(profile.query("SELECT id FROM attempts")) == 2)

            # Ctrl+? shows the keyboard shortcuts (built only now), Escape
            # closes them. Watched through X (see test_import_export); the
            # shortcuts window has no X name, so count the app's windows.
            def shortcuts_shown():
                return len(subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(app.process.pid)],
                                          capture_output=True, text=True).stdout.split()) == 2
            app.key("ctrl+question")
            wait_for("the shortcuts window", shortcuts_shown)
            app.key("Escape")
            wait_for("the shortcuts window to close", lambda: not shortcuts_shown())
            time.sleep(1)
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


if __name__ == "__main__":
    run([test_tick_survives_restart, test_quiz_attempts_stored, test_scenario_self_grade,
         test_every_control_named, test_narrow_window, test_undo_a_tick, test_keyboard])
