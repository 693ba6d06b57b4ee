"""Serve the app with gunicorn: `python -m search_app --index DIR --host H --port P`.

With --corpus and no index yet, the index is built first, so the README's
one command works on a fresh clone.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from indexer.engine import Unavailable, exists
from indexer.engine.cli import engine_options
from search_app import create_app, serving


@click.command()
@click.option("--index", "index_dir", type=click.Path(path_type=Path), default=Path("var/index"), show_default=True)
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, type=int, show_default=True)
@click.option("--threads", default=4, type=int, show_default=True, help="Threads per worker process.")
@click.option("--workers", default=serving.default_workers(), type=click.IntRange(1, 64), show_default=True,
              help="Worker processes sharing the port (one Python process uses one core).")
@engine_options
def main(index_dir: Path, corpus_dir: Path, host: str, port: int, threads: int, workers: int) -> None:
    """Serve search over INDEX (built from CORPUS first when missing)."""
    try:
        missing = not exists(index_dir)
    except Unavailable as err:  # a cluster down: serve 503 until it is back, never build over it
        click.echo(f"LƯU Ý: {err}", err=True)
        missing = False
    if missing:
        if not corpus_dir.is_dir():
            raise click.ClickException(f"no index in {index_dir} and no corpus folder {corpus_dir}")
        click.echo(f"Chưa có chỉ mục: đang lập từ {corpus_dir} …")
        # the indexer's own command: the web app never loads the extraction pipeline
        subprocess.run([sys.executable, "-m", "indexer", "build", "--corpus", str(corpus_dir), "--index",
                        str(index_dir), "--wait", "600"], check=True)
    location = index_dir if isinstance(index_dir, str) else index_dir.resolve()  # str: a cluster URL
    config = {"INDEX_DIR": str(location), "CORPUS_DIR": str(corpus_dir.resolve())}
    click.echo(f"Đang phục vụ tại http://{host}:{port}/ ({workers} tiến trình × {threads} luồng)")
    serving.run(lambda: create_app(config), host, port, threads, workers)


if __name__ == "__main__":
    main()
