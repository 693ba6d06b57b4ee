"""The administrator's page: files the indexer could not read, and files withheld for a secrecy mark.

The same list as `python -m indexer status` (indexer/filestate.py). It names
secret documents, so it answers only to the machine itself (a browser on the
server, or an SSH tunnel); behind a reverse proxy on the same machine, block
/admin/ at the proxy (README "Running as an office's services").
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from indexer import filestate

bp = Blueprint("admin", __name__)
LOOPBACK = {"127.0.0.1", "::1"}


@bp.get("/admin/files")
def files() -> str:
    if request.remote_addr not in LOOPBACK:
        abort(404)
    state = filestate.FileState(current_app.config["INDEX_DIR"])
    try:
        failed, withheld = state.entries(filestate.FAILED), state.entries(filestate.WITHHELD)
    finally:
        state.close()
    return render_template("admin_files.html", failed=failed, withheld=withheld)
