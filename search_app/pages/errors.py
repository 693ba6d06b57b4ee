"""Errors as pages or JSON, in Vietnamese, never with a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.engine import NoIndex, Unavailable
from search_app.query.params import BadRequest

log = logging.getLogger(__name__)
MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    404: "Không tìm thấy trang hoặc văn bản này.",
    405: "Phương thức không được hỗ trợ.",
    409: "Tệp gốc đã thay đổi từ khi được lập chỉ mục (không còn là loại tệp đã đọc). "
         "Vui lòng thử lại sau lần cập nhật chỉ mục tới.",
    500: "Đã có lỗi trong hệ thống. Vui lòng thử lại sau.",
    503: "Chỉ mục tìm kiếm chưa sẵn sàng. Vui lòng thử lại sau.",
}
UNAVAILABLE = "Hệ thống tìm kiếm tạm thời không truy cập được. Vui lòng thử lại sau ít phút."
RETRY_SECONDS = "5"


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(status: int, message: str | None = None):
    message = message or MESSAGES.get(status, MESSAGES[500])
    if _wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("error.html", status=status, message=message, q=request.args.get("q", "")[:500]), status


def register(app: Flask) -> None:
    @app.errorhandler(BadRequest)
    def bad_request(err: BadRequest):
        return render_error(400, str(err))

    @app.errorhandler(NoIndex)
    def no_index(err: NoIndex):
        log.error("no index: %s", err)
        return render_error(503)

    @app.errorhandler(Unavailable)
    def unavailable(err: Unavailable):
        log.error("search engine unavailable on %s: %s", request.path, err)  # the reason, not a trace
        response, status = render_error(503, UNAVAILABLE)
        response = app.make_response((response, status))
        response.headers["Retry-After"] = RETRY_SECONDS
        return response

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        return render_error(err.code or 500)

    @app.errorhandler(Exception)
    def unexpected(err: Exception):
        log.exception("unexpected error on %s", request.path)
        return render_error(500)
