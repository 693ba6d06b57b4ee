"""Where a build's time goes, per document: extraction, preparing the OpenSearch document, and the
cluster's own indexing — the three parts that scale differently on a real cluster.

    python -m bench.ingest --opensearch-url http://127.0.0.1:9250 [--count 3000]

Extraction and preparation run in the writer processes (they scale with the
number of bulk writers); bulk indexing runs on the data nodes (it scales with
the nodes, primaries only during a build). Each part is timed alone on the
first `count` pháp điển articles, one process, so docs/SCALE.md can size each
side. A script, not a test.
"""

from __future__ import annotations

import json
import time

import click
from opensearchpy import helpers

from bench.phapdien import iter_phapdien
from indexer.corpus import record_id
from indexer.engine.opensearch.connection import client_for
from indexer.engine.opensearch.mapping import to_source
from indexer.engine.opensearch.writer import CHUNK, create_index
from indexer.extract import extract_records
from indexer.words.segment import preload

SCRATCH = "bench-ingest"


@click.command()
@click.option("--opensearch-url", envvar="OPENSEARCH_URL", required=True)
@click.option("--count", type=int, default=3000, show_default=True, help="Pháp điển articles timed.")
def main(opensearch_url: str, count: int) -> None:
    preload()
    texts = list(iter_phapdien(limit=count))
    started = time.perf_counter()
    records = [r for name, text in texts for r in extract_records(text, record_id(name), name)]
    extract_s = time.perf_counter() - started
    started = time.perf_counter()
    actions = [{"_index": SCRATCH, "_id": r.id, "_source": to_source(r)} for r in records]
    prepare_s = time.perf_counter() - started
    client = client_for(opensearch_url)
    client.indices.delete(index=SCRATCH, ignore=[404])
    create_index(client, SCRATCH, replicas=0)
    started = time.perf_counter()
    helpers.bulk(client, actions, chunk_size=CHUNK)
    client.indices.refresh(index=SCRATCH)
    bulk_s = time.perf_counter() - started
    size = client.indices.stats(index=SCRATCH, metric="store")["indices"][SCRATCH]["primaries"]["store"]
    client.indices.delete(index=SCRATCH, ignore=[404])
    n = len(records)
    click.echo(json.dumps({
        "records": n,
        "extract_docs_per_s": round(n / extract_s, 1),
        "prepare_docs_per_s": round(n / prepare_s, 1),
        "cluster_bulk_docs_per_s": round(n / bulk_s, 1),
        "primary_bytes_per_doc": round(size["size_in_bytes"] / n),
        "source_chars_per_doc": round(sum(len(r.text) for r in records) / n),
    }, indent=1))


if __name__ == "__main__":
    main()
