"""A TLS and basic-auth front for the test cluster, as a secured OpenSearch looks from the client.

The OpenSearch security plugin is not published for the nodes' version
(2.19.6), so the secured cluster of the tests is this: https with a
certificate signed by a CA made in the test (`cryptography`), a user and
password or an API key checked on every request (401 otherwise, as the
plugin answers), everything else forwarded to the plain cluster. It records
each request (method, path, query, body of _bulk and _aliases) so a test can
name the actions and indices the build and the service used and check the
documented role (opensearch/roles.json) covers them.
"""

from __future__ import annotations

import base64
import datetime
import ipaddress
import json
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import urllib3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Request:
    method: str
    path: str
    query: str
    body: bytes


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, server key) as PEM files: the server's for 127.0.0.1."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("test CA")).issuer_name(_name("test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    server = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
              .public_key(key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                             critical=False)
              .sign(ca_key, hashes.SHA256()))
    paths = folder / "ca.pem", folder / "server.pem", folder / "server-key.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


@dataclass
class Proxy:
    """Listening on https://127.0.0.1:<port>, forwarding to `upstream` (an http node of the cluster)."""

    upstream: str
    folder: Path
    user: str = "congvan"
    password: str = "mật-khẩu/với:dấu"  # a "/" and a ":" inside, as office passwords have
    api_key: str = "a2V5LWlkOmtleS1zZWNyZXQ="
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ca, cert, key = make_certificates(self.folder)
        pool = urllib3.PoolManager(maxsize=8)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: Any) -> None:  # quiet
                pass

            def _allowed(self) -> bool:
                given = self.headers.get("Authorization", "")
                basic = "Basic " + base64.b64encode(f"{proxy.user}:{proxy.password}".encode()).decode()
                return given in (basic, f"ApiKey {proxy.api_key}")

            def _answer(self, status: int, body: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not self._allowed():
                    error = {"error": {"type": "security_exception", "reason": "Unauthorized"}, "status": 401}
                    self._answer(401, json.dumps(error).encode())
                    return
                path, _, query = self.path.partition("?")
                proxy.requests.append(Request(self.command, path, query, body))
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                answer = pool.request(self.command, proxy.upstream + self.path, body=body or None,
                                      headers=headers, preload_content=True, retries=False)
                self._answer(answer.status, answer.data, answer.headers.get("Content-Type", "application/json"))

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
