"""Relevance yardstick: judged queries, three systems, one table (see eval.run)."""
