"""`python -m pipeline.datasets [--check]`: write docs/DATA_DICTIONARY.md from the declarations (`--check`: only
say whether the committed file is current; exit status 1 when it is not)."""

from __future__ import annotations

import sys

from pipeline.datasets.dictionary import DICTIONARY_PATH, render, write


def main(argv: list[str]) -> int:
    if "--check" in argv:
        current = DICTIONARY_PATH.exists() and DICTIONARY_PATH.read_text(encoding="utf-8") == render()
        print(f"{DICTIONARY_PATH}: {'current' if current else 'stale: run python -m pipeline.datasets'}")
        return 0 if current else 1
    changed = write()
    print(f"{DICTIONARY_PATH}: {'written' if changed else 'already current'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
