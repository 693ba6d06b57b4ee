"""A search's answer: the one search function, facets and timeline, superseded documents, relations,
summaries, a document's outline, and the shared engine with its kept answers."""
