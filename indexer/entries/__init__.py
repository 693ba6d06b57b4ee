"""Records → entries (issue 21): the files that are one document become one index document.

The package's face for the pipeline and the yardsticks: `member_of` (a record's grouping
signature, made where the record is read), `build_entries` (a full build), `regroup` (an update).
copies.py says when two records are one document, families.py folds a law's versions into
one result, titles.py writes the title staff read, grouping.py runs the step over a collection.
"""

from indexer.entries.copies import Member, group, links, member_of
from indexer.entries.grouping import Regrouped, build_entries, regroup
from indexer.entries.titles import title_of

__all__ = ["Member", "Regrouped", "build_entries", "group", "links", "member_of", "regroup", "title_of"]
