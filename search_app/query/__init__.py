"""What the user asked: the request's parameters, the typed query → QuerySpec, the plan (spelling,
exact marks first, relaxing), words, hints, suggestions, and the snippets that show matches."""
