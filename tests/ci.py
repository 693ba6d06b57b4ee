"""Whether the tests run in CI, decided in one place: there a missing tool fails, elsewhere it skips.

CI services export CI=true (GitHub, GitLab) and `.ci/run` does the same; "false", "0"
or an empty value mean a developer's machine.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(why: str) -> NoReturn:
    """Something a test needs is not there: in CI that is a failure (it must be installed), elsewhere a skip."""
    if in_ci():
        pytest.fail(f"{why} (CI must provide it)")
    pytest.skip(why)
