"""Serve the app with waitress: `python -m search_app --index DIR --host H --port P`.

With --corpus and no index yet, the index is built first, so the README's
one command works on a fresh clone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import click

from indexer import store
from indexer.readers import cache
from search_app import create_app, serving, shared_answers


@click.command()
@click.option("--index", "index_dir", type=click.Path(path_type=Path), default=Path("var/index"), show_default=True)
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, type=int, show_default=True)
@click.option("--threads", default=4, type=int, show_default=True, help="Threads per worker process.")
@click.option("--workers", default=serving.default_workers(), type=click.IntRange(1, 64), show_default=True,
              help="Worker processes sharing the port (one Python process uses one core).")
def main(index_dir: Path, corpus_dir: Path, host: str, port: int, threads: int, workers: int) -> None:
    """Serve search over INDEX (built from CORPUS first when missing)."""
    if store.current_generation(index_dir) is None:
        if not corpus_dir.is_dir():
            raise click.ClickException(f"no index in {index_dir} and no corpus folder {corpus_dir}")
        click.echo(f"Chưa có chỉ mục: đang lập từ {corpus_dir} …")
        os.environ.setdefault(cache.ENV, str(index_dir / "text-cache"))  # OCR texts, as `indexer build` keeps them
        report = store.build(corpus_dir, index_dir, wait=600)
        click.echo(f"Đã lập chỉ mục {report.records} văn bản trong {report.seconds:.1f} s")
        for file_report in report.errors:  # e.g. a scan when tesseract is not installed: named, with the reason
            click.echo(f"  BỎ QUA {file_report.name}: {file_report.error}", err=True)
    parent = os.getpid()
    shared = shared_answers.make_folder() if workers > 1 else None
    config = {"INDEX_DIR": str(index_dir.resolve()), "CORPUS_DIR": str(corpus_dir.resolve()),
              "SHARED_ANSWERS_DIR": str(shared) if shared else None}
    click.echo(f"Đang phục vụ tại http://{host}:{port}/ ({workers} tiến trình × {threads} luồng)")
    try:
        serving.run(lambda: create_app(config), host, port, threads, workers)
    finally:
        if shared is not None and os.getpid() == parent:
            shutil.rmtree(shared, ignore_errors=True)


if __name__ == "__main__":
    main()
