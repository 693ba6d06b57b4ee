"""One module per file format, each declaring FORMATS (its signature and reader):
adding a format is adding a module here (indexer/readers/registry.py finds it)."""
