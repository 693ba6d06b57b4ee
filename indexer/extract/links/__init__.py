"""How a document points at others: citations, relations (replaces, amends, implements),
consolidated texts, expiry and the gazette's continued documents."""
