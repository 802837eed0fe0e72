#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a string of the built-in content packs would be missing from
the translation template: po/content.pot must be current, listed in
po/POTFILES.in, and xgettext must read every content string from it."""

import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
sys.path.insert(0, os.path.join(root, "build-aux"))
extract = __import__("extract-content")

packs = sorted(os.path.join(root, "data", "content", name)
               for name in os.listdir(os.path.join(root, "data", "content"))
               if name.endswith(".json"))
pot = os.path.join(root, "po", "content.pot")

problems = []
expected = set(msgid for pack in packs for msgid, _, _ in extract.strings(pack, root))

with open(pot, encoding="utf-8") as f:
    if f.read() != extract.template(packs, root):
        problems.append("po/content.pot is out of date: run meson compile -C build mlprep-content-pot")

with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    if "po/content.pot" not in f.read().split():
        problems.append("po/content.pot is not listed in po/POTFILES.in")

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "template.pot")
    subprocess.run(["xgettext", "--from-code=UTF-8", "--no-wrap", "-o", out, pot], check=True)
    seen = set()
    with open(out, encoding="utf-8") as f:
        text = f.read()
    msgid = None
    for line in text.splitlines():
        if line.startswith("msgid "):
            msgid = [line[6:]]
        elif line.startswith('"') and msgid is not None:
            msgid.append(line)
        elif msgid is not None:
            # PO string literals are valid Python string literals.
            seen.add("".join(eval(part) for part in msgid))
            msgid = None
    missing = expected - seen
    for msgid in sorted(missing)[:10]:
        problems.append(f"missing from the template: {msgid[:80]!r}")

print(f"1..1")
if problems:
    print("not ok 1 content strings in the template")
    for problem in problems:
        print(f"# {problem}")
    sys.exit(1)
print(f"ok 1 content strings in the template ({len(expected)} strings)")
