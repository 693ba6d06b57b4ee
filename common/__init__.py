"""Generic utilities that know nothing of documents or search (the indexer and the web app use them)."""
