"""Records → entries (issue 21): the files that are one document become one index document.

The package's face for the pipeline and the yardsticks: `member_of` (a record's grouping
signature, made where the record is read), `units` and `compose_unit` (a full build: the grouping
decided from the members, the entries composed where they are written), `build_entries` (the
same in one call), `regroup` (an update), `kept_as_indexed` (an update's file that cannot be read again).
copies.py says when two records are one document, families.py folds a law's versions into
one result, titles.py writes the title staff read, grouping.py runs the step over a collection.
"""

from indexer.entries.copies import Member, group, links, member_of
from indexer.entries.grouping import (
    Regrouped,
    Unit,
    build_entries,
    compose_unit,
    kept_as_indexed,
    kept_note,
    notes_of,
    regroup,
    units,
)
from indexer.entries.titles import title_of

__all__ = ["Member", "Regrouped", "Unit", "build_entries", "compose_unit", "group", "kept_as_indexed", "kept_note",
           "links", "member_of", "notes_of", "regroup", "title_of", "units"]
