"""Is "Nơi nhận" laid out whole? Over the shared full texts and the bundled corpus.

    python -m eval.paper_footers [--show]

For each text with a 'Nơi nhận:' line followed by a list, compares the list as written with
the one search_app.pages.paper lays out beside the signature, and prints how many are whole (with
--show, the others by name). Before the annexes rule (issue 22): 23 of 68; after: 68 of 68.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from search_app.pages.paper import blocks

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT.parent / "shared" / "corpora" / "fulltexts", ROOT / "corpus")
_LIST = ("-", "+", "•")


def written_list(text: str) -> list[str] | None:
    """The first 'Nơi nhận:' list as written, or None when the text has none."""
    found = re.search(r"^\s*N[ơo]i nh[ậa]n\s*:?\s*$", text, re.M)
    if not found:
        return None
    listed = []
    for line in text[found.start():].split("\n")[1:]:
        if line.strip().startswith(_LIST):
            listed.append(line.strip())
        elif line.strip():
            break
    return listed


@click.command()
@click.option("--show", is_flag=True, help="name the texts whose list is not whole")
def main(show: bool) -> None:
    total = whole = signed = 0
    for path in sorted(p for folder in FOLDERS for p in folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        listed = written_list(text)
        if listed is None:
            continue
        layout = blocks(text)
        total += 1
        signed += bool(layout.signature)
        shown = [line for line in layout.distribution if line.startswith(_LIST)]
        if shown[:len(listed)] == listed:
            whole += 1
        elif show:
            print(f"  not whole: {path.name} ({len(shown)} of {len(listed)})")
    print(f"'Nơi nhận' laid out whole: {whole} of {total} texts; a signature block beside it: {signed} of {total}")


if __name__ == "__main__":
    main()
