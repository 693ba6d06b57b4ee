"""A document's number where its header gives none, or OCR cannot be trusted with it: a scan's number
checked against the clerk's file name (scan.py), a header-less text's from its file's name (named.py)."""
