#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: search with Ctrl+F and open a result; write a note with the
real keyboard, restart, find it again; open a stage from the command line."""

import os
import re
import subprocess
import time

import pyatspi

from mlpdriver import App, Profile, check, content_stage, run, wait_for

STAGES = ["framing", "data-collection", "data-validation", "features", "training", "evaluation",
          "testing", "deployment", "serving", "monitoring", "retraining", "documentation", "ethics",
          "collaboration", "communication", "scenarios"]


def searched_texts(entry):
    """What search looks at, as MlpSearchTarget collects it."""
    if "prompt" not in entry:
        return [entry["text"], entry["detail"]]
    texts = [entry["prompt"]] + [c["text"] for c in entry.get("choices", [])]
    texts += [entry.get("model_answer", "")] + entry.get("key_points", []) + [entry.get("follow_up", "")]
    return texts


def distinctive_word(stage_id, kind):
    """A word of the stage's last item (or question) found nowhere else."""
    everything = []
    for stage in STAGES:
        content = content_stage(stage)
        everything += [" ".join(searched_texts(e)).lower() for e in content["items"] + content["questions"]]
    for entry in reversed(content_stage(stage_id)[kind]):
        title = entry["text"] if kind == "items" else entry["prompt"]
        for word in re.findall(r"[A-Za-z]{6,}", title):
            if sum(word.lower() in text for text in everything) == 1:
                return entry, word
    raise AssertionError(f"no distinctive word in {stage_id}")


def on_screen(app, node):
    """Inside the scroll pane that holds it, as the user sees it."""
    pane = node.parent
    while pane is not None and pane.getRoleName() != "scroll pane":
        pane = pane.parent
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    view = pane.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return box.height > 0 and box.y >= view.y and box.y + box.height <= view.y + view.height


def is_focused(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def searching(app):
    """The search button is pressed while searching. (GTK 4.8 keeps the
    hidden entry in the tree, with its old extents.)"""
    return app.wait_find("push button", "Search").getState().contains(pyatspi.STATE_PRESSED)


def test_search_opens_item(build_dir):
    item, word = distinctive_word("serving", "items")
    question, question_word = distinctive_word("monitoring", "questions")
    profile = Profile(build_dir, {"selected-stage": "'framing'"})
    try:
        app = App(profile)
        try:
            app.wait_find("check box", content_stage("framing")["items"][0]["text"])

            # Ctrl+F, type: the item of another stage is found as you type.
            app.key("ctrl+f")
            app.wait_find("entry", "Search items, questions and notes")
            app.type_text(word)
            result = app.wait_find("label", item["text"])
            app.wait_find("label", "Checklist · " + content_stage("serving")["title"])
            check(len(app.find_all("label", item["text"])) == 1, "the item is listed more than once")

            # A click opens it in its stage, scrolled to and focused.
            app.click(result)
            box = app.wait_find("check box", item["text"])
            wait_for("the item on screen", lambda: on_screen(app, app.find("check box", item["text"])))
            wait_for("the item focused", lambda: is_focused(app.find("check box", item["text"])))
            check(not searching(app), "search stayed open")
            selected = [n for n in app.find_all("list item")
                        if n.getState().contains(pyatspi.STATE_SELECTED)]
            check(any(content_stage("serving")["title"] in (c.name or "")
                      for n in selected for c in app.find_all("label", root=n)),
                  "the stage is not selected in the sidebar")
            check(not box.getState().contains(pyatspi.STATE_CHECKED), "opening it ticked it")

            # Keyboard only: Ctrl+F, type, Down, Enter opens a question in the quiz.
            app.key("ctrl+f")
            app.key("ctrl+a")
            app.type_text(question_word)
            app.wait_find("label", question["prompt"])
            app.key("Down")
            app.key("Return")
            wait_for("search to close", lambda: not searching(app))
            app.wait_find("label", question["prompt"])
            check(app.find("page tab", "Quiz").getState().contains(pyatspi.STATE_SELECTED),
                  "the Quiz pane is not shown")

            # Nothing found: said so. Escape closes search.
            app.key("ctrl+f")
            app.key("ctrl+a")
            app.type_text("qqqzzzxxx")
            app.wait_find("label", "No Results Found")
            app.key("Escape")
            wait_for("search to close", lambda: not searching(app))
            app.wait_find("label", question["prompt"])
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_note_survives_restart(build_dir):
    monitoring = content_stage("monitoring")
    item = monitoring["items"][0]
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    note = "At Acme we caught zebrafish drift"

    def stored():
        return profile.query("SELECT target_id, body FROM notes")

    try:
        app = App(profile)
        try:
            check(app.find("image", "Has a note") is None, "a fresh profile shows a note marker")
            app.click(app.wait_find("push button", "Details"))
            app.click(app.wait_find("text", "Your note"))
            app.type_text(note)
            # Saved once typing pauses, before quitting.
            time.sleep(1.0)
            wait_for("the note in SQLite", lambda: stored() == [(item["id"], note)])
            app.wait_find("image", "Has a note")
            # Typed just before quitting: saved too.
            app.type_text(" twice")
            app.quit()
        finally:
            app.kill()
        check(stored() == [(item["id"], note + " twice")], f"SQLite holds {stored()}")

        app = App(profile)
        try:
            # The marker shows without opening the details; the note is there.
            app.wait_find("image", "Has a note")
            app.click(app.wait_find("push button", "Details"))
            editor = app.wait_find("text", "Your note")
            wait_for("the note text", lambda: editor.queryText().getText(0, -1) == note + " twice")

            # Search finds the note's word and says it is in the note.
            app.key("ctrl+f")
            app.type_text("zebrafish")
            app.wait_find("label", item["text"])
            app.wait_find("image", "Found in your note")
            app.wait_find("label", "zebrafish drift twice", contains=True)
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_stage_option(build_dir):
    binary = os.path.join(os.path.abspath(build_dir), "src", "mlprep")
    profile = Profile(build_dir, {"selected-stage": "'framing'"})
    try:
        # Not running, an unknown id: the ids on stderr, status 1, no window.
        first = subprocess.run([binary, "--stage", "no-such-stage"], env=profile.env(),
                               capture_output=True, text=True, timeout=30)
        check(first.returncode == 1, f"status {first.returncode}")
        check("no-such-stage" in first.stderr and "monitoring" in first.stderr, f"stderr: {first.stderr}")

        app = App(profile, args=("--stage", "testing"))
        try:
            app.wait_find("check box", content_stage("testing")["items"][0]["text"])

            # A second launch switches the running window.
            second = subprocess.run([binary, "--stage", "deployment"], env=profile.env(),
                                    capture_output=True, text=True, timeout=30)
            check(second.returncode == 0, f"the second launch failed: {second.stderr}")
            app.wait_find("check box", content_stage("deployment")["items"][0]["text"])

            # An unknown id leaves the window as it was.
            third = subprocess.run([binary, "--stage", "nope"], env=profile.env(),
                                   capture_output=True, text=True, timeout=30)
            check(third.returncode == 1 and "nope" in third.stderr, f"{third.returncode}: {third.stderr}")
            check(app.process.poll() is None, "the first instance went away")
            app.wait_find("check box", content_stage("deployment")["items"][0]["text"])

            # --review reaches the window; without a review session yet it does nothing.
            fourth = subprocess.run([binary, "--review"], env=profile.env(),
                                    capture_output=True, text=True, timeout=30)
            check(fourth.returncode == 0 and fourth.stderr == "", f"{fourth.returncode}: {fourth.stderr}")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


if __name__ == "__main__":
    run([test_search_opens_item, test_note_survives_restart, test_stage_option])
