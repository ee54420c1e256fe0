#!/usr/bin/env python3
"""List imports of the package made inside functions without a stated reason.

The floors (docs/development/layout.md) allow an import inside a function only
for an optional heavy library, ``AppConfig.ready`` or a page's ``serve``
calling its own views, each with a one-line ``# deferred: <reason>`` comment on
the line above. This lists every function-level import of ``mentoring_wagtail``
(absolute or relative) that has no such comment, and exits 1 if there is any.

    python scripts/check_deferred_imports.py [PATH ...]   # default: mentoring_wagtail
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "mentoring_wagtail"
MARK = "# deferred:"


def imports_package(node):
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == PACKAGE
    return any(alias.name.split(".")[0] == PACKAGE for alias in node.names)


def function_level_imports(tree):
    """Import nodes anywhere inside a function or method body."""
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import | ast.ImportFrom):
                yield node


def has_reason(lines, node):
    # The comment sits on the line above the import, or above the import
    # block it opens (several deferred imports under one comment).
    index = node.lineno - 2
    while index >= 0:
        text = lines[index].strip()
        if not text:  # a blank line between groups of the same import block
            index -= 1
            continue
        if text.startswith(MARK):
            return True
        if not text.startswith(("from ", "import ", ")")) and not text.endswith(","):
            return False
        index -= 1
    return False


def unexplained(path):
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    seen = set()
    for node in function_level_imports(ast.parse(source, str(path))):
        if node.lineno in seen or not imports_package(node):
            continue
        seen.add(node.lineno)
        if not has_reason(lines, node):
            yield node.lineno, lines[node.lineno - 1].strip()


def python_files(paths):
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*.py") if "migrations" not in p.parts
            )
        else:
            yield path


def main(argv):
    paths = [Path(arg) for arg in argv] or [ROOT / PACKAGE]
    count = 0
    for path in python_files(paths):
        for lineno, text in unexplained(path):
            shown = path.relative_to(ROOT) if path.is_absolute() else path
            print(f"{shown}:{lineno}: {text}")
            count += 1
    if count:
        print(
            f"{count} import(s) of {PACKAGE} inside functions without "
            f"a '{MARK} <reason>' comment on the line above."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
