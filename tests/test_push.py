"""kg.store.push: what is sent to a Graph Store Protocol endpoint (pushes to a real Oxigraph server, and kg push,
are in tests/test_server.py). Here a small recording HTTP server shows the requests themselves."""
from __future__ import annotations

import base64
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from kg.errors import GraphParseError, PushError
from kg.store.push import graph_url, push_files, send_graph


class Recorder(BaseHTTPRequestHandler):
    requests: list[tuple[str, str, str | None, bytes]] = []
    status = 204

    def _record(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Recorder.requests.append((self.command, self.path, self.headers.get("Authorization"), body))
        self.send_response(Recorder.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = _record

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def endpoint():
    Recorder.requests, Recorder.status = [], 204
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/store"
    server.shutdown()
    server.server_close()


TRIPLE = ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"))


@pytest.mark.parametrize("endpoint_url, graph, url", [
    ("http://h/store", "urn:a b", "http://h/store?graph=urn%3Aa%20b"),
    ("http://h/store", None, "http://h/store?default"),
    ("http://h/store?x=1", "urn:g", "http://h/store?x=1&graph=urn%3Ag"),
])
def test_graph_url_names_the_graph_or_the_default_graph(endpoint_url, graph, url):
    assert graph_url(endpoint_url, graph) == url


@pytest.mark.parametrize("replace, method", [(True, "PUT"), (False, "POST")])
def test_send_graph_puts_to_replace_and_posts_to_add(endpoint, replace, method):
    assert send_graph(endpoint, "urn:g", [TRIPLE], replace=replace) == 1
    (sent_method, path, _, body), = Recorder.requests
    assert sent_method == method
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(path).query) == {"graph": ["urn:g"]}
    assert body.decode().strip() == '<urn:s> <urn:p> "o" .'


def test_credentials_in_the_url_are_sent_as_basic_authentication_not_in_the_url(endpoint):
    with_user = endpoint.replace("http://", "http://ana:s%40cret@")
    send_graph(with_user, None, [TRIPLE])
    (_, path, authorization, _), = Recorder.requests
    assert authorization == "Basic " + base64.b64encode(b"ana:s@cret").decode()
    assert "ana" not in path


def test_an_http_error_is_one_push_error_naming_the_status(endpoint):
    Recorder.status = 403
    with pytest.raises(PushError, match="answered 403"):
        send_graph(endpoint, "urn:g", [TRIPLE])


def test_an_unreachable_endpoint_is_a_push_error():
    with pytest.raises(PushError, match="cannot reach"):
        send_graph("http://127.0.0.1:9/store", "urn:g", [TRIPLE], timeout=5)


def test_push_files_sends_each_named_graph_of_a_trig_file_to_its_name_and_the_rest_to_the_given_graph(endpoint, tmp_path):
    path = tmp_path / "g.trig"
    path.write_text('<urn:s> <urn:p> "d" .\n<urn:g1> { <urn:s> <urn:p> "1" . }\n<urn:g2> { <urn:s> <urn:p> "2" . }\n')
    summary = push_files([path], endpoint, graph="urn:target")
    assert (summary.graphs, summary.triples) == (3, 3)
    targets = {urllib.parse.parse_qs(urllib.parse.urlsplit(p).query)["graph"][0]: b for _, p, _, b in Recorder.requests}
    assert set(targets) == {"urn:target", "urn:g1", "urn:g2"}
    assert b'"1"' in targets["urn:g1"] and b'"d"' in targets["urn:target"]
    assert {m for m, *_ in Recorder.requests} == {"POST"}  # files add unless asked to replace


def test_push_files_refuses_a_missing_or_invalid_file_before_sending(endpoint, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(GraphParseError, match="no such file"):
        push_files([tmp_path / "missing.ttl"], endpoint)
    with pytest.raises(GraphParseError, match="not valid RDF"):
        push_files([bad], endpoint)
    assert Recorder.requests == []
