#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when SQL is built by formatting a string: every value must reach
SQLite as a bound parameter. The one allowed exception is the schema
version in the migrations (PRAGMA takes no parameters; the number comes
from the code, never from input)."""

import os
import re
import sys

root = sys.argv[1]
ALLOWED = {'"PRAGMA user_version = %d"'}
SQL = re.compile(r'"\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|CREATE|ALTER|DROP|ATTACH)\b[^"]*"', re.I)
FORMAT = re.compile(r'\b\w*printf\s*\(')

problems = []
checked = 0
for folder, _, files in os.walk(os.path.join(root, "src")):
    for name in files:
        if not name.endswith(".c"):
            continue
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if "sqlite3_" in line or "printf" in line or "exec (" in line:
                    checked += 1
                if "sqlite3_mprintf" in line or "sqlite3_vmprintf" in line:
                    problems.append(f"{os.path.relpath(path, root)}:{number}: SQL built with sqlite3_mprintf: {line.strip()}")
                for match in SQL.finditer(line):
                    literal = match.group(0)
                    if FORMAT.search(line) and literal not in ALLOWED:
                        problems.append(f"{os.path.relpath(path, root)}:{number}: SQL built with a format: {line.strip()}")
                if re.search(r'sqlite3_(exec|prepare\w*)\s*\([^,]+,\s*[a-z_]+\s*\(', line):
                    problems.append(f"{os.path.relpath(path, root)}:{number}: SQL from a function call: {line.strip()}")

print("1..1")
if problems or checked == 0:
    print("not ok 1 every SQL value is bound")
    for problem in problems or ["no SQL found: wrong folder?"]:
        print(f"# {problem}")
    sys.exit(1)
print(f"ok 1 every SQL value is bound ({checked} lines looked at)")
