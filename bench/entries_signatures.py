"""Records of one number compared on their bodies or on their whole texts (issue 21), on pháp điển articles.

    python -m bench.entries_signatures [--phapdien 5000]

bench.phapdien gives each article its law's rebuilt header (issuer, motto, number, date, type and
name), so short articles of one law look alike when the header is signed with them. The grouping
(indexer.entries.copies) compares records of one number on their bodies too: the text after the
header block, without the official layout's fixed parts (motto, Nơi nhận, Lưu: VT, signature
titles). This prints, for the first N articles, the entries and the links of each kind with the
whole texts only (as before: members without a body signature) and with the bodies (as now), in
one run on the same records. Every article is a document of
its own: each entry holding several articles is a wrong grouping (unless two articles repeat one
text word for word). A script, not a test.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace

import click

from bench.phapdien import iter_phapdien
from indexer.entries import group, links, member_of
from indexer.extract import extract_records


@click.command()
@click.option("--phapdien", "count", default=5000, show_default=True, help="articles, from the first")
def main(count: int) -> None:
    started = time.perf_counter()
    records = [r for name, text in iter_phapdien(limit=count) for r in extract_records(text, name[:-4], name)]
    click.echo(f"{count} articles → {len(records)} records, read and extracted in "
               f"{time.perf_counter() - started:.0f} s")
    click.echo("compared on       | entries | articles in an entry of several | links: key, text, near")
    signed = [member_of(r) for r in records]
    for label, members in (("the whole text", [replace(m, body=None) for m in signed]), ("the body too", signed)):
        found = group(members)
        kinds = Counter(why for _, _, why, _ in links(members))
        crowded = sum(len(g) for g in found if len(g) > 1)
        click.echo(f"{label:<17} | {len(found):>7} | {crowded:>31} | "
                   f"{kinds['key']}, {kinds['text']}, {kinds['near']}")


if __name__ == "__main__":
    main()
