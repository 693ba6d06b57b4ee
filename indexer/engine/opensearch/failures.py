"""A cluster that cannot answer, as one exception: Unavailable, with why in Vietnamese.

The client raises its own errors (a refused connection, a timeout, an
untrusted certificate, a 401 or 403, a 503 when no copy of a shard is left);
above the engine boundary only `indexer.engine.Unavailable` is known, which
the web app answers with 503 and the command line with the message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from opensearchpy import (
    AuthenticationException,
    AuthorizationException,
    ConnectionError,
    NotFoundError,
    SSLError,
    TransportError,
)

from indexer.engine.base import NoIndex, Unavailable

P = ParamSpec("P")
R = TypeVar("R")
# Statuses meaning "the cluster cannot answer now" rather than "this request is wrong".
UNAVAILABLE_STATUSES = {429, 500, 502, 503, 504}


def why(err: TransportError) -> str:
    """The operator's explanation of a client error (None-safe on the client's odd shapes)."""
    if isinstance(err, SSLError):
        return ("OpenSearch: chứng chỉ của máy chủ không được tin cậy (đặt OPENSEARCH_CA_FILE là tệp CA "
                f"đã ký chứng chỉ; chỉ tắt kiểm tra bằng OPENSEARCH_VERIFY_CERTS=false): {err.info or err}")
    if isinstance(err, ConnectionError):
        return f"OpenSearch: không kết nối được tới máy chủ nào ({err.info or err})"
    if isinstance(err, AuthenticationException):
        return ("OpenSearch từ chối đăng nhập (401): kiểm tra OPENSEARCH_USER và OPENSEARCH_PASSWORD "
                "(hoặc OPENSEARCH_PASSWORD_FILE, OPENSEARCH_API_KEY)")
    if isinstance(err, AuthorizationException):
        return ("OpenSearch: tài khoản không đủ quyền (403) — vai trò cần có: docs/ENGINE.md "
                f"'Least privileges' ({err.error})")
    return f"OpenSearch chưa trả lời được ({err.status_code} {err.error})"


def is_unavailable(err: TransportError) -> bool:
    return isinstance(err, ConnectionError | AuthenticationException | AuthorizationException) \
        or err.status_code in UNAVAILABLE_STATUSES


@contextmanager
def reachable() -> Iterator[None]:
    """Turn the client's "cannot answer" errors into Unavailable, a vanished index into NoIndex;
    other errors pass unchanged."""
    try:
        yield
    except NotFoundError as err:
        if err.error == "index_not_found_exception":
            raise NoIndex(f"OpenSearch: {err.info}") from err
        raise
    except TransportError as err:
        if is_unavailable(err):
            raise Unavailable(why(err)) from err
        raise


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """`reachable()` around a method."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with reachable():
            return method(*args, **kwargs)

    return wrapper
