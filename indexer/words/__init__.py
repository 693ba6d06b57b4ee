"""Vietnamese words and names shared by indexing and typing: pyvi segmentation, the collection's
vocabulary, agency names and abbreviations, and the forms of a document number."""
