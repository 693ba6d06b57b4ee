"""The web front end: create_app() builds the Flask app (pages and JSON API)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify

from indexer.engine import NoIndex, Unavailable
from search_app.answer.index_holder import SharedIndex

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = {
    "INDEX_DIR": str(ROOT / "var" / "index"),
    "CORPUS_DIR": str(ROOT / "corpus"),
}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Defaults, then SEARCH_* environment variables, then the test's config."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder="static",
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("SEARCH")
    if test_config:
        app.config.from_mapping(test_config)
    app.config["DEBUG"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["shared_index"] = SharedIndex(Path(app.config["INDEX_DIR"]), app.config.get("ENGINE"))

    from search_app.pages import admin, api, errors
    from search_app.pages import views as pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    errors.register(app)

    @app.get("/healthz")
    def healthz() -> tuple[Response, int]:
        """For the server's supervisor: 200 with the document count once the collection is open, else 503
        (no index yet, or its cluster not answering)."""
        try:
            engine = app.extensions["shared_index"].engine()
            documents = engine.count()
        except NoIndex:
            return jsonify({"status": "no index"}), 503
        except Unavailable:
            return jsonify({"status": "unavailable"}), 503
        return jsonify({"status": "ok", "documents": documents, "generation": engine.generation}), 200

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.pop("Server", None)
        return response

    return app
