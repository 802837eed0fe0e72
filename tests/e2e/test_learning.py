#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the learning engine. Ticking an item queues its linked
questions, a review session answers what is due and the due count drops
(also after a restart), and a mock interview with a short timer runs to
its summary and is stored."""

import os
import sqlite3
import subprocess
import time

import pyatspi

from mlpdriver import App, Profile, check, content_stage, is_checked, run, wait_for
from test_foundation import unnamed_controls

DAY = 86400


def shot(app, name):
    """Saves a screenshot when MLP_E2E_SHOTS names a folder (for looking)."""
    folder = os.environ.get("MLP_E2E_SHOTS")
    if folder:
        subprocess.run(["import", "-window", "root", os.path.join(folder, name + ".png")], check=False)


def seed_reviews(profile, questions, days_ago):
    """Old answers, as an earlier version would have left them: states
    unset, so the app computes them; all are due by now."""
    db = sqlite3.connect(profile.db_path)
    try:
        for question in questions:
            db.execute("INSERT INTO reviews (question_id, reviewed_at, grade, source)"
                       " VALUES (?, ?, 3, 'migrated')",
                       (question["id"], int(time.time()) - days_ago * DAY))
        db.commit()
    finally:
        db.close()


def correct_choice(question):
    return next(c for c in question["choices"] if c["correct"])


def test_review_session(build_dir):
    stage = content_stage("monitoring")
    choices = [q for q in stage["questions"] if q["kind"] == "choice"][:2]
    linked_item = next(i for i in stage["items"]
                       if i.get("questions") and not set(i["questions"]) & {q["id"] for q in choices})
    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    try:
        app = App(profile)
        app.wait_find("label", stage["title"])
        app.quit()

        seed_reviews(profile, choices, days_ago=40)
        app = App(profile)
        try:
            app.wait_find("list item", "Review, 2 questions due")
            wait_for("states computed for the old answers", lambda: profile.query(
                "SELECT count(*) FROM reviews WHERE stability_after IS NULL") == [(0,)])

            # Ticking an item with the mouse brings its linked questions in.
            app.click(app.wait_find("check box", linked_item["text"]))
            n_due = 2 + len(linked_item["questions"])
            app.wait_find("list item", f"Review, {n_due} questions due")
            check(len(profile.query("SELECT question_id FROM queued")) == len(linked_item["questions"]),
                  "the linked questions are queued in SQLite")

            # The overview: due count, and every control named.
            app.click(app.wait_find("list item", "Overview"))
            app.wait_find("label", "Readiness by Stage")
            # A page without views has its title in the header bar, not the
            # view switcher (hidden widgets keep a zero size or old place).
            wait_for("the title “Overview” in the header bar", lambda: any(
                extents.width > 0 and extents.y < 47
                for extents in (node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                                for node in app.find_all("label", "Overview", showing=False))))
            app.wait_find("label", str(n_due))
            problems = unnamed_controls(app)
            check(not problems, f"unnamed controls on the overview: {problems}")

            app.click(app.wait_find("list item", f"Review, {n_due} questions due"))
            app.wait_find("label", f"Review 1 of {n_due}")
            shot(app, "review-start")
            answered = 0
            for _ in range(n_due):
                prompt_ids = {q["prompt"]: q for q in stage["questions"]}
                question = next(q for prompt, q in prompt_ids.items() if app.find("label", prompt))
                if question["kind"] == "choice":
                    app.click(app.wait_find("push button", correct_choice(question)["text"]))
                    app.click(app.wait_find("push button", "Next Question"))
                else:
                    app.click(app.wait_find("push button", "Show Model Answer"))
                    app.click(app.wait_find("check box", question["key_points"][0]))
                    shot(app, "review-scenario")
                    app.click(app.wait_find("push button", "Good"))
                answered += 1
            app.wait_find("label", "All Caught Up")
            app.wait_find("list item", "Review, nothing due")
            shot(app, "review-done")

            rows = profile.query("SELECT count(*), min(due_at) FROM reviews WHERE source = 'review'")
            check(rows[0][0] == n_due, f"{n_due} reviews stored, got {rows}")
            check(rows[0][1] > time.time() + 12 * 3600, "each answered question is due again later")
            app.quit()
        finally:
            app.kill()

        # After a restart, nothing is due and the schedule is the same;
        # `mlprep --review` opens the (empty) review straight away.
        app = App(profile, args=("--review",))
        try:
            app.wait_find("list item", "Review, nothing due")
            app.wait_find("label", "All Caught Up")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


def test_mock_interview(build_dir):
    profile = Profile(build_dir, {"selected-stage": "'framing'", "mock-questions": "2",
                                  "mock-minutes": "1"})
    scenarios = {}
    for stage_id in ("framing", "data-collection", "data-validation", "features", "training",
                     "evaluation", "testing", "deployment", "serving", "monitoring", "retraining",
                     "documentation", "ethics", "collaboration", "communication", "scenarios"):
        for q in content_stage(stage_id)["questions"]:
            if q["kind"] == "scenario":
                scenarios[q["prompt"]] = q
    try:
        app = App(profile)
        try:
            app.click(app.wait_find("list item", "Mock Interview"))
            app.wait_find("label", "2 scenario questions from across the stages", contains=True)
            app.click(app.wait_find("push button", "Start Interview"))
            app.wait_find("label", "Interview question 1 of 2")
            problems = unnamed_controls(app)
            check(not problems, f"unnamed controls in the mock interview: {problems}")
            app.wait_find("label", ":", contains=True)  # the countdown, "0:59 left"
            check(any(t.endswith(" left") and ":" in t for t in app.texts()), "a countdown is shown")

            # First question: answered in time, graded Good.
            first = next(q for p, q in scenarios.items() if app.find("label", p))
            app.click(app.wait_find("text", "Your answer (optional)"))
            app.type_text("Start from the business metric")
            app.click(app.wait_find("push button", "Show Model Answer"))
            if first.get("follow_up"):
                app.wait_find("label", first["follow_up"], contains=True)
            for point in first["key_points"]:
                app.click(app.wait_find("check box", point))
            shot(app, "mock-revealed")
            app.click(app.wait_find("push button", "Good"))

            # Second question: the time runs out and the model answer shows.
            app.wait_find("label", "Interview question 2 of 2")
            second = next(q for p, q in scenarios.items() if app.find("label", p))
            wait_for("the time to run out", lambda: app.find("label", "Time is up"), timeout=90)
            app.wait_find("label", second["model_answer"])
            app.click(app.wait_find("push button", "Again"))

            app.wait_find("label", "Interview Summary")
            app.wait_find("label", "You answered 2 of 2 questions, 1 of them well", contains=True)
            app.wait_find("label", "Worth another look:", contains=True)
            shot(app, "mock-summary")

            sessions = profile.query("SELECT planned, seconds_per_question, ended_at IS NOT NULL"
                                     " FROM mock_sessions")
            check(sessions == [(2, 60, 1)], f"the session is stored: {sessions}")
            answers = profile.query("SELECT question_id, grade FROM mock_answers ORDER BY position")
            check(answers == [(first["id"], 3), (second["id"], 1)], f"the answers are stored: {answers}")
            check(profile.query("SELECT count(*) FROM reviews WHERE source = 'mock'") == [(2,)],
                  "both answers are in the review log")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


if __name__ == "__main__":
    run([test_review_session, test_mock_interview])
