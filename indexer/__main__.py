"""The indexer's command line: build, update, export, watch, status.

    python -m indexer build  --corpus corpus --index var/index [--retry-failed]
    python -m indexer update --corpus corpus --index var/index [--retry-failed]
    python -m indexer export --index var/index > records.jsonl
    python -m indexer watch  --corpus corpus --index var/index   (a watched inbox)
    python -m indexer status --index var/index                   (files failed or withheld)
"""

from __future__ import annotations

import errno
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import click
from tqdm import tqdm

from indexer import filestate, isolation, pipeline
from indexer.corpus import list_files
from indexer.engine import Unavailable
from indexer.engine.cli import engine_options
from indexer.readers import cache
from indexer.readers.prefetch import prefetch

PROGRESS_FROM = 50  # files; smaller runs print only the summary
Action = Callable[..., pipeline.BuildReport]


def _progress(items: Iterator[Path], total: int) -> Iterator[Path]:
    return tqdm(items, total=total, unit="tệp", disable=total < PROGRESS_FROM or None, file=sys.stderr)


def shown(name: str) -> str:
    """A file name as one report line can hold it: control characters (a newline in a name) escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)


Echo = Callable[..., None]


def stamped(message: str, err: bool = False) -> None:
    """A log line with its time, as the watcher (a service) writes them."""
    click.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}", err=err)


def _print_report(report: pipeline.BuildReport, verb: str, echo: Echo = click.echo) -> None:
    echo(
        f"{verb}: {report.documents} tệp, {report.records} văn bản "
        f"(+{report.added} / -{report.removed}, {report.unchanged} không đổi) "
        f"trong {report.seconds:.1f} s" + (f" → {report.generation}" if report.generation else "")
    )
    for file_report in report.files:
        for record_id, fields in file_report.missing.items():
            echo(f"  thiếu trường ở {shown(file_report.name)} [{record_id}]: {', '.join(fields)}")
    for file_report in report.warnings:  # a text cut at its limit, or repaired while read (NUL bytes, TCVN3)
        label = "CẮT BỚT" if "(text truncated)" in file_report.warning else "LƯU Ý"
        echo(f"  {label} {shown(file_report.name)}: {file_report.warning}", err=True)
    for file_report in report.withheld:
        echo(f"  GIỮ LẠI {shown(file_report.name)}: văn bản mang dấu độ mật «{file_report.withheld}», "
             "không đưa vào chỉ mục (withheld: secrecy mark)", err=True)
    for file_report in report.errors:
        if not file_report.remembered:
            echo(f"  BỎ QUA {shown(file_report.name)}: {file_report.error}", err=True)
    remembered = [f for f in report.errors if f.remembered]
    if remembered:
        echo(f"  BỎ QUA {len(remembered)} tệp đã lỗi lần trước, chưa thay đổi: không đọc lại "
             "(python -m indexer status; --retry-failed để đọc lại)", err=True)


DISK_FULL = ("Hết chỗ trống trên đĩa: không ghi được chỉ mục mới. Chỉ mục trước vẫn tìm kiếm được; "
             "giải phóng chỗ trống rồi chạy lại (disk full).")


def _disk_full(err: BaseException) -> bool:
    return getattr(err, "errno", None) == errno.ENOSPC


def _use_text_cache(index: Path | str) -> None:
    """OCR texts are kept beside the index (readers.cache), so a rebuild never reads a scan twice.

    On a cluster (`index` is its URL) they are kept in var/text-cache of the folder the command runs in.
    """
    folder = Path("var") if "://" in str(index) else Path(index)
    os.environ.setdefault(cache.ENV, str(folder / "text-cache"))


def _ocr_first(corpus: Path, index: Path | str, names: list[str] | None = None) -> None:
    """Scans the cache lacks are OCRed in worker processes before the build reads them (readers.prefetch)."""
    _use_text_cache(index)
    paths = list_files(corpus) if names is None else [corpus / n for n in names if (corpus / n).is_file()]
    prefetch(paths, progress=lambda items, total: tqdm(items, total=total, unit="tệp quét", file=sys.stderr,
                                                       desc="Nhận dạng (OCR)", disable=None))


def _run(action: Action, corpus: Path, index: Path, wait: float, verb: str, retry: bool) -> None:
    if not corpus.is_dir():
        raise click.BadParameter(f"{corpus} is not a folder", param_hint="--corpus")
    try:
        _ocr_first(corpus, index)
        report = action(corpus, index, progress=_progress, wait=wait, retry=retry)
    except (pipeline.IndexLocked, Unavailable) as err:
        raise click.ClickException(str(err)) from err
    except (OSError, isolation.WorkerFailed) as err:
        if _disk_full(err):
            raise click.ClickException(DISK_FULL) from err
        raise
    _print_report(report, verb)


corpus_option = click.option("--corpus", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True)
index_option = click.option("--index", type=click.Path(path_type=Path), default=Path("var/index"), show_default=True)
wait_option = click.option("--wait", type=float, default=0.0, show_default=True,
                           help="Seconds to wait for another indexer to finish.")
retry_option = click.option("--retry-failed", "retry", is_flag=True,
                            help="Read again the files that failed before (python -m indexer status).")


@click.group()
def cli() -> None:
    """Index Vietnamese official documents for search."""


def _writer_command(name: str, action: Action, verb: str, help_text: str) -> None:
    """Register `build` or `update`: the same options, a different store action."""

    @engine_options
    @corpus_option
    @index_option
    @wait_option
    @retry_option
    def command(corpus: Path, index: Path, wait: float, retry: bool) -> None:
        _run(action, corpus, index, wait, verb, retry)

    command.__doc__ = help_text
    cli.command(name)(command)


_writer_command("build", pipeline.build, "Đã lập chỉ mục", "Full build, swapped in when complete.")
_writer_command("update", pipeline.update, "Đã cập nhật", "Add new or changed files, remove deleted ones.")


@cli.command("watch")
@corpus_option
@index_option
def watch_command(corpus: Path, index: Path) -> None:
    """Index files as they land in, change in or leave the corpus folder (Ctrl-C or SIGTERM stops)."""
    from indexer.watch import watch

    if not corpus.is_dir():
        raise click.BadParameter(f"{corpus} is not a folder", param_hint="--corpus")
    stamped(f"Đang theo dõi {corpus} (Ctrl-C để dừng)", err=True)
    try:
        watch(corpus, index, lambda report: _print_report(report, "Đã cập nhật", stamped),
              before=lambda names: _ocr_first(corpus, index, names),
              problem=lambda message: stamped(f"  LỖI vòng cập nhật, vẫn theo dõi tiếp: {shown(message)}"
                                              + (f" — {DISK_FULL}" if "Errno 28" in message else ""), err=True))
    except pipeline.IndexLocked as err:
        raise click.ClickException(str(err)) from err
    except KeyboardInterrupt:
        pass
    stamped("Đã dừng theo dõi.", err=True)


@cli.command()
@index_option
def status(index: Path) -> None:
    """Files that failed (not read again until they change) and files withheld for a secrecy mark."""
    state = filestate.FileState(index)
    failed, withheld = state.entries(filestate.FAILED), state.entries(filestate.WITHHELD)
    click.echo(f"Tệp lỗi, không đọc lại đến khi tệp thay đổi (--retry-failed để đọc lại): {len(failed)}")
    for entry in failed:
        click.echo(f"  {entry.when}  {shown(entry.name)}: {entry.reason}")
    click.echo(f"Tệp giữ lại vì mang dấu độ mật, không đưa vào chỉ mục: {len(withheld)}")
    for entry in withheld:
        click.echo(f"  {entry.when}  {shown(entry.name)}: {entry.reason}")


@cli.command()
@engine_options
@index_option
def export(index: Path) -> None:
    """Every record as JSON Lines on stdout."""
    try:
        for record in pipeline.export_records(index):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except (pipeline.NoIndex, Unavailable) as err:
        raise click.ClickException(str(err)) from err


if __name__ == "__main__":
    cli()
