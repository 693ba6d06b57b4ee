"""CI is detected in one place (tests/ci.py): a missing tool fails there and skips on a developer's machine."""

from __future__ import annotations

import pytest

from tests.ci import missing


@pytest.mark.parametrize(("value", "outcome"), [
    ("true", pytest.fail.Exception), ("1", pytest.fail.Exception), ("True", pytest.fail.Exception),
    ("false", pytest.skip.Exception), ("0", pytest.skip.Exception), ("", pytest.skip.Exception),
])
def test_a_missing_tool_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch, value: str,
                                                        outcome: type[BaseException]) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(outcome, match="chromium"):
        missing("chromium is not installed")
