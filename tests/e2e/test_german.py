#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end in German: with LANGUAGE=de, the stage, its checklist and its
quiz read in German, and no visible text is still an English msgid."""

import os

from mlpdriver import ROOT, App, Profile, check, content_stage, read_po, run


def english_left(app, german):
    """Visible texts that are an English msgid with a different German msgstr."""
    untranslated = {msgid for msgid, msgstr in german.items() if msgstr != msgid}
    # Mnemonic labels show their text without the underscore.
    untranslated |= {msgid.replace("_", "") for msgid in untranslated if "_" in msgid}
    texts = set()
    for node in app.find_all():
        if node.getRoleName() in ("label", "check box", "push button", "page tab", "text"):
            texts.add(node.name or "")
    return sorted(text for text in texts if text in untranslated)


def test_stage_in_german(build_dir):
    german = read_po(os.path.join(ROOT, "po", "de.po"))
    monitoring = content_stage("monitoring")
    question = monitoring["questions"][0]
    scenario_index = next(i for i, q in enumerate(monitoring["questions"]) if q["kind"] == "scenario")
    scenario = monitoring["questions"][scenario_index]

    def de(text):
        check(text in german, f"no German translation for {text[:60]!r}")
        return german[text]

    profile = Profile(build_dir, {"selected-stage": "'monitoring'"})
    env = {"LANGUAGE": "de", "LANG": "C.UTF-8",
           "MLPREP_LOCALEDIR": os.path.join(os.path.abspath(build_dir), "po")}
    try:
        # Started in English first: what it keeps between starts (the pack
        # index) must not keep the English either.
        app = App(profile)
        app.wait_find("label", monitoring["title"])
        app.quit()

        app = App(profile, env)
        try:
            app.wait_find("label", de(monitoring["title"]))
            app.wait_find("label", de(monitoring["summary"]))
            app.wait_find("check box", de(monitoring["items"][0]["text"]))
            app.click(app.wait_find("push button", "Details"))
            app.wait_find("label", de(monitoring["items"][0]["detail"]))
            left = english_left(app, german)
            check(not left, f"English on the checklist: {left}")

            app.click(app.wait_find("page tab", "Quiz"))
            app.wait_find("label", de(question["prompt"]))
            choice = question["choices"][0]
            app.click(app.wait_find("push button", de(choice["text"])))
            app.wait_find("label", de(choice["explanation"]))
            left = english_left(app, german)
            check(not left, f"English in the quiz: {left}")

            app.click(app.wait_find("push button", de("_Next Question").replace("_", "")))
            for _ in range(scenario_index - 1):
                app.click(app.wait_find("push button", de("S_kip").replace("_", "")))
            app.wait_find("label", de(scenario["prompt"]))
            app.click(app.wait_find("push button", de("_Show Model Answer").replace("_", "")))
            app.wait_find("label", de(scenario["model_answer"]))
            app.wait_find("check box", de(scenario["key_points"][0]))
            left = english_left(app, german)
            check(not left, f"English in a scenario: {left}")
            app.quit()
        finally:
            app.kill()
    finally:
        profile.cleanup()


if __name__ == "__main__":
    run([test_stage_in_german])
