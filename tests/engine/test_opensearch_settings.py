"""Connection settings as an admin writes them (no cluster needed): hosts, TLS, credentials, timeouts."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from indexer.engine import Unavailable
from indexer.engine.opensearch.connection import client_options, host_urls, parse_location

NAMES = ("OPENSEARCH_USER", "OPENSEARCH_PASSWORD", "OPENSEARCH_PASSWORD_FILE", "OPENSEARCH_API_KEY",
         "OPENSEARCH_API_KEY_FILE", "OPENSEARCH_CA_FILE", "OPENSEARCH_VERIFY_CERTS", "OPENSEARCH_TIMEOUT",
         "OPENSEARCH_RETRIES")


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(("location", "hosts", "alias"), [
    ("https://os1:9200,os2:9200,os3:9200/congvan", ["https://os1:9200", "https://os2:9200", "https://os3:9200"],
     "congvan"),
    ("http://127.0.0.1:9250,http://127.0.0.1:9251/archive", ["http://127.0.0.1:9250", "http://127.0.0.1:9251"],
     "archive"),
    ("http:/127.0.0.1:9250/x", ["http://127.0.0.1:9250"], "x"),  # through pathlib.Path
    ("https://os1.so.gov.vn", ["https://os1.so.gov.vn"], "congvan"),
])
def test_several_hosts_and_the_alias(location: str, hosts: list[str], alias: str) -> None:
    found_hosts, found_alias = parse_location(location)
    assert (host_urls(found_hosts), found_alias) == (hosts, alias)


@pytest.mark.parametrize("location", ["https://admin:p%2Fass@os1:9200/congvan", "os1:9200", "https://os1:9200/a/b",
                                      "https://os 1:9200"])
def test_a_password_in_the_url_or_a_malformed_url_is_refused_with_the_reason(location: str) -> None:
    with pytest.raises(Unavailable) as refused:
        parse_location(location)
    assert "OPENSEARCH_PASSWORD" in str(refused.value) or "URL" in str(refused.value) or "host" in str(refused.value)


def _auth(options: dict) -> str:
    return options.get("headers", {}).get("Authorization", "")


def test_basic_auth_from_a_file_with_vietnamese_letters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "password"
    secret.write_text("mật/khẩu:ổn\n", encoding="utf-8")
    monkeypatch.setenv("OPENSEARCH_USER", "congvan")
    monkeypatch.setenv("OPENSEARCH_PASSWORD_FILE", str(secret))
    options = client_options("https://os1:9200")
    assert _auth(options) == "Basic " + base64.b64encode("congvan:mật/khẩu:ổn".encode()).decode()
    assert options["verify_certs"] is True and options["use_ssl"] is True


def test_verification_is_off_only_when_explicitly_false(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for value, verify in (("0", True), ("no", True), ("False", False), ("false", False), ("", True)):
        monkeypatch.setenv("OPENSEARCH_VERIFY_CERTS", value)
        assert client_options("https://os1:9200")["verify_certs"] is verify, value
    monkeypatch.setenv("OPENSEARCH_CA_FILE", str(tmp_path / "missing.pem"))
    with pytest.raises(Unavailable, match="OPENSEARCH_CA_FILE"):
        client_options("https://os1:9200")


def test_credentials_that_cannot_work_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENSEARCH_USER", "congvan")
    with pytest.raises(Unavailable, match="OPENSEARCH_PASSWORD"):
        client_options("https://os1:9200")
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "x")
    monkeypatch.setenv("OPENSEARCH_API_KEY", "k")
    with pytest.raises(Unavailable, match="not both"):
        client_options("https://os1:9200")
    monkeypatch.delenv("OPENSEARCH_USER")
    assert _auth(client_options("https://os1:9200")) == "ApiKey k"
    monkeypatch.delenv("OPENSEARCH_API_KEY")
    monkeypatch.setenv("OPENSEARCH_API_KEY_FILE", str(tmp_path / "none"))
    with pytest.raises(Unavailable, match="OPENSEARCH_API_KEY_FILE"):
        client_options("https://os1:9200")


def test_timeouts_and_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSEARCH_TIMEOUT", "7.5")
    monkeypatch.setenv("OPENSEARCH_RETRIES", "5")
    options = client_options("http://a:1,b:2")
    assert (options["timeout"], options["max_retries"], options["hosts"]) == (7.5, 5, ["http://a:1", "http://b:2"])
    monkeypatch.setenv("OPENSEARCH_TIMEOUT", "mười")
    with pytest.raises(Unavailable, match="OPENSEARCH_TIMEOUT"):
        client_options("http://a:1")


def test_a_cluster_that_does_not_answer_is_not_an_empty_one() -> None:
    """`python -m search_app` builds the corpus into a collection that does not exist: a cluster down
    must not look like that (it would be built over), and says so quickly."""
    import socket
    import time

    from indexer.engine import exists, open_engine

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    location = f"http://127.0.0.1:{port},127.0.0.1:{port}/congvan"
    started = time.monotonic()
    with pytest.raises(Unavailable, match="không kết nối được"):
        exists(location, "opensearch")
    with pytest.raises(Unavailable):
        open_engine(location, "opensearch")
    assert time.monotonic() - started < 2
