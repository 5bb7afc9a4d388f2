"""The HTML report (kg.report.render, `kg report`): its data from SPARQL, its escaping, and the page in a real browser.

The browser tests drive Debian's chromium (/usr/bin/chromium, installed by .ci/run) with Playwright's
Python package; they are skipped where either is missing, and fail instead under CI.
"""
from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HAND_BODY, hand_extraction
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.actors import Actor
from kg.article import parse_article
from kg.cli import cli
from kg.extraction.extract import Extraction
from kg.graph.queries import get_query
from kg.graph.rdf import to_graph
from kg.graph.sparql import run
from kg.namespaces import ACTOR, KG, NIF, POS, SCHEMA
from kg.report.page_data import page_data
from kg.report.render import locate_marks, render_html, render_report, report_data
from kg.statements import Statement

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = "<script>alert(1)</script>"
FIXTURE_ARTICLE = "https://w3id.org/kg/id/article/9977feffa14d56a4"


def statement_iri(span: str, rank: int = 0) -> str:
    return f"{FIXTURE_ARTICLE}/statement/{span}/{rank}"


def select(graph, name: str) -> list[dict]:
    return run(graph, get_query(name).text).rows()


# --- the report's queries, exact rows on the hand-written fixture graph --------------------


def test_report_statements_query(fixture_graph):
    found = {row["statement"]: row for row in select(fixture_graph, "report-statements")}
    assert len(found) == 5
    putin = found[statement_iri("274-350", 0)]
    assert (putin["begin"], putin["end"], putin["speakerName"], putin["speakerKind"], putin["mention"], putin["cue"],
            putin["content"], putin["quoteKind"], putin["statementKind"], putin["hedged"], putin["positionNotation"],
            putin["positionLabel"], putin["outer"]) == (
        "274", "350", "Vladimir Putin", "person", "Putin", "said", "he would never give up the conquered land",
        "indirect", "stance", "false", "no_retreat", "will not retreat", statement_iri("274-350", 1))
    official = found[statement_iri("0-129")]
    assert (official["article"], official["addresseeName"], official["confidence"], official["outer"]) == (
        FIXTURE_ARTICLE, "The New York Times", "0.9", None)
    peskov = found[statement_iri("223-273")]
    assert peskov["speakerRoles"] == "spokesman"


def test_report_statements_are_in_text_order(fixture_graph):
    spans = [(int(r["begin"]), -int(r["end"])) for r in select(fixture_graph, "report-statements")]
    assert spans == sorted(spans)


def test_report_channel_hops_query(fixture_graph):
    table = [(r["statement"], r["speakerName"], r["index"], r["label"], r["kind"], r["viaName"], r["outlet"])
             for r in select(fixture_graph, "report-channel-hops")]
    assert table == [
        (statement_iri("0-129"), "senior Russian official", "0", "The New York Times", "publication",
         "The New York Times", "true"),
        (statement_iri("0-129"), "senior Russian official", "1", "European Pravda", "publication", "European Pravda",
         "true"),
        (statement_iri("130-222"), "Kremlin", "0", "Reuters", None, "Reuters", "true"),
        (statement_iri("130-222"), "Kremlin", "1", "The New York Times", None, "The New York Times", "true"),
        (statement_iri("274-350", 1), "senior Russian official", "0", "The New York Times", None,
         "The New York Times", "true"),
    ]


def test_report_articles_query(fixture_graph):
    (row,) = select(fixture_graph, "report-articles")
    assert (row["article"], row["name"], row["headline"], row["publisher"], row["date"], row["url"]) == (
        FIXTURE_ARTICLE, "fixture.txt", "Kremlin signals truce", "Example News", "2024-03-01", None)
    assert row["body"].startswith("“We are willing to stop")


# --- placing statements: marks and overlapping spans ------------------------------------------


@pytest.mark.parametrize("evidence, mention, cue, content, expected", [
    # "the official" appears twice; the speaker is the one outside the content, next to the cue
    ("The official said the official line stands.", "the official", "said", "the official line stands",
     {"content": "the official line stands", "cue": "said", "speaker": "The official"}),
    # a cue in parts, each found in order
    ("He told reporters, relaying a message, that it was over.", "He", "told ... relaying", "that it was over",
     {"content": "that it was over", "cue": "relaying", "speaker": "He"}),
    # "he" is a word, not the inside of "the"
    ("Then the minister said he was ready.", "he", "said", "ready", {"content": "ready", "cue": "said", "speaker": "he"}),
    # quotes and spacing may differ between the content and the text
    ("“We  will stay”, she said.", "she", "said", '"We will stay"', {"content": "“We  will stay”", "cue": "said",
                                                                    "speaker": "she"}),
    # content that ends inside its quotation marks is found without them
    ("“We will stay,” she said.", "she", "said", "“We will stay”", {"content": "We will stay", "cue": "said",
                                                                   "speaker": "she"}),
    # what is not there is left out
    ("Nothing here.", "Putin", "said", "something", {}),
])
def test_locate_marks(evidence, mention, cue, content, expected):
    marks = locate_marks(evidence, mention, cue, content)
    found = {m.role: evidence[m.start:m.end] for m in marks}  # the last cue part wins in this view
    assert found == expected


def test_nested_statements_know_each_other(fixture_graph):
    report = report_data(fixture_graph)
    by_iri = {s.iri: s for s in report.statements}
    inner, outer = by_iri[statement_iri("274-350", 0)], by_iri[statement_iri("274-350", 1)]
    assert inner.outer is outer and outer.inner == [inner]
    assert (inner.placed, inner.begin, inner.end) == (outer.placed, outer.begin, outer.end) == (True, 274, 350)
    assert {(m.role, report.articles[0].body[m.start:m.end]) for m in inner.marks} == {
        ("speaker", "Putin"), ("cue", "said"), ("content", "he would never give up the conquered land")}


def test_report_data_of_the_fixture(fixture_graph):
    report = report_data(fixture_graph)
    assert [s.speaker_name for s in report.statements] == [
        "senior Russian official", "Kremlin", "Dmitry Peskov", "Vladimir Putin", "senior Russian official"]
    first = report.statements[0]
    assert [h.label for h in first.hops] == ["The New York Times", "European Pravda"]
    assert (first.position_text, first.hedged, first.addressee) == (
        "willing to stop at current lines", False, "The New York Times")
    official = report.actors[0]
    assert (official.name, official.count, official.aliases) == ("senior Russian official", 2, ["the official"])
    assert [a.count for a in report.actors] == [2, 1, 1, 1]
    assert (report.chains, report.positions) == (3, 4)


def test_the_page_data_refers_by_number(fixture_graph):
    """Statements are rows (kg.report.page_data.STATEMENT_FIELDS); actors, positions and hops are written once."""
    data = page_data(report_data(fixture_graph))
    fields = data["statementFields"]
    rows = [dict(zip(fields, row)) for row in data["statements"]]
    assert [data["actors"][r["speaker"]]["name"] for r in rows] == [
        "senior Russian official", "Kremlin", "Dmitry Peskov", "Vladimir Putin", "senior Russian official"]
    putin = rows[3]
    assert putin["iri"] == "/274-350/0" and putin["outer"] == 4 and putin["span"] == [274, 76]
    assert putin["content"] == 0  # the text of its content mark
    assert [data["terms"][putin[name]] for name in ("cue", "quote", "kind")] == ["said", "indirect", "stance"]
    body = data["articles"][0]["body"]
    marks = [putin["marks"][i:i + 3] for i in range(0, len(putin["marks"]), 3)]
    assert {(flag, body[274 + start:274 + end]) for start, end, flag in marks} == {
        (1, "Putin"), (2, "said"), (4, "he would never give up the conquered land")}
    assert data["positions"][putin["position"]] == ["will not retreat", "no_retreat"]
    assert [data["hops"][h][0] for h in rows[0]["hops"]] == ["The New York Times", "European Pravda"]
    assert data["articles"][0]["outlet"] == "Example News" and "segments" not in data["articles"][0]


def test_texts_beyond_the_basic_plane_keep_their_offsets_in_the_page():
    """The page's strings count UTF-16 units: an emoji before a statement moves its span by two."""
    body = "🙂 Putin said he would never give up the land, the official told The New York Times."
    extraction = hand_extraction()
    article = parse_article(body, name="emoji.txt")
    for statement in extraction.statements:
        statement.start, statement.end = statement.start + 2, statement.end + 2
    data = page_data(report_data(to_graph([Extraction(article, extraction.statements, extraction.actors)])))
    row = dict(zip(data["statementFields"], data["statements"][0]))
    assert row["span"] == [3, len(HAND_BODY)]


def test_a_graph_from_elsewhere_renders():
    """Only what the ontology requires; offsets that are off; a position with no label; evidence not in the text."""
    body = "Officials said the talks would resume. Nobody else spoke."
    article = URIRef("https://example.org/article/1")
    graph = Graph()
    graph.add((article, RDF.type, SCHEMA.NewsArticle))
    graph.add((article, NIF.isString, Literal(body)))

    def statement(key: str, begin: int, end: int, anchor: str, content: str) -> URIRef:
        node, span = URIRef(f"https://example.org/s/{key}"), URIRef(f"https://example.org/span/{key}")
        graph.add((node, RDF.type, KG.Statement))
        graph.add((node, KG.article, article))
        graph.add((node, KG.speaker, ACTOR.officials))
        graph.add((node, KG.content, Literal(content)))
        graph.add((node, KG.evidence, span))
        graph.add((span, NIF.beginIndex, Literal(begin, datatype=XSD.integer)))
        graph.add((span, NIF.endIndex, Literal(end, datatype=XSD.integer)))
        graph.add((span, NIF.anchorOf, Literal(anchor)))
        return node

    resume = statement("1", 2, 40, "Officials said the talks would resume.", "the talks would resume")  # offsets off
    graph.add((resume, KG.position, POS.talks_resume))  # no skos:prefLabel, no notation in the graph
    statement("2", 0, 5, "a sentence that is not in the article", "something")
    report = report_data(graph)
    (view,) = report.articles
    assert view.name == "1"
    first, second = view.statements
    assert (first.placed, first.begin, first.end, first.position_text) == (True, 0, 38, "talks_resume")
    assert first.speaker_name == "officials"  # no label: the end of its IRI
    assert second.placed is False
    rows = [dict(zip(page_data(report)["statementFields"], row)) for row in page_data(report)["statements"]]
    assert rows[0]["span"] == [0, 38] and 4 in rows[0]["marks"][2::3]  # its content is marked
    assert rows[1]["span"] is None and rows[1]["evidence"] == "a sentence that is not in the article"
    assert "evidence not found in the text" in render_html(report)  # the script's words, for this case


def test_the_report_is_the_same_from_another_sparql_engine(example_graph_path, example_graph):
    """Only SPARQL: a select of one's own over the same triples gives the same page as kg's (an rdflib graph)."""
    ox = pytest.importorskip("pyoxigraph")
    from kg.graph.sparql import PREFIXES as INIT_NS

    store = ox.Store()
    store.load(path=str(example_graph_path), format=ox.RdfFormat.TURTLE)

    def oxigraph_select(text: str) -> list[dict]:
        solutions = store.query(text, prefixes={k: str(v) for k, v in INIT_NS.items()})
        names = [v.value for v in solutions.variables]
        return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in solutions]

    assert render_report(oxigraph_select) == render_report(example_graph)


@pytest.mark.slow
def test_the_wheel_ships_the_templates(tmp_path):
    import subprocess
    import sys
    import zipfile

    from test_resources import _copy_sources

    source = tmp_path / "src"
    source.mkdir()
    _copy_sources(source)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg/report/render.py", "kg/report/templates/report.html.j2", "kg/report/templates/report.css", "kg/report/templates/report.js",
            "kg/queries/report-statements.rq"} <= names


def test_an_empty_graph_renders():
    html = render_report(Graph())
    assert "0 articles · 0 statements" in re.sub(r"\s+", " ", html)
    assert "No statement in this graph has a channel." in html
    assert "No statement in this graph has a position." in html


# --- escaping ---------------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Every element and attribute in a page, as the browser's parser would see the tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def hostile_graph() -> Graph:
    """A graph whose every text is hostile: HTML, quotes, ampersands and a javascript: URL."""
    graph = to_graph([hand_extraction()])
    nasty = f"{HOSTILE}\"'&amp;<img src=x onerror=alert(2)>"
    for predicate in (SKOS.prefLabel, RDFS.label, SCHEMA.name, KG.cue, KG.content, KG.speakerMention, KG.role,
                      NIF.isString):  # the body only grows at its end, so the offsets still hold
        for subject, _, value in list(graph.triples((None, predicate, None))):
            graph.set((subject, predicate, Literal(f"{value} {nasty}")))
    for article in graph.subjects(RDF.type, SCHEMA.NewsArticle):
        graph.set((article, SCHEMA.url, URIRef("javascript:alert(3)")))
        graph.set((article, SCHEMA.headline, Literal(nasty)))
    return graph


def test_hostile_texts_are_escaped_everywhere():
    html = render_report(hostile_graph(), title=nasty_title())
    parser = _Elements()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "kg-data"}, {}]  # data, and the report's own script
    (data,) = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', html, flags=re.DOTALL)
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data)["articles"][0]["headline"].startswith(HOSTILE)  # the text itself, escaped as JSON
    assert "img" not in tags
    assert not [attrs for _, attrs in parser.tags if any(k.startswith("on") for k in attrs)]
    assert not [attrs for _, attrs in parser.tags if "javascript:" in (attrs.get("href") or "")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE not in html


def nasty_title() -> str:
    return f'</title>{HOSTILE}"'


def test_the_page_allows_only_its_own_script(fixture_graph):
    import base64
    import hashlib

    html = render_report(fixture_graph)
    (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert "default-src 'none'" in policy  # nothing is fetched
    (script,) = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


# --- kg report --------------------------------------------------------------------------------


def test_kg_report_writes_the_page(fixture_graph_path, tmp_path):
    output = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(fixture_graph_path), "-o", str(output), "--title", "Fixture"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Wrote the report of ")
    html = output.read_text(encoding="utf-8")
    assert "<title>Fixture</title>" in html and html.rstrip().endswith("</html>")


def test_kg_report_to_stdout(fixture_graph_path):
    result = CliRunner().invoke(cli, ["report", str(fixture_graph_path)])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args, message", [
    (["missing.ttl"], "Error: missing.ttl: no such file"),
    (["{fixture}", "-o", "no/such/folder/report.html"],
     "Error: no/such/folder/report.html: the folder no/such/folder does not exist"),
])
def test_kg_report_errors(fixture_graph_path, args, message):
    result = CliRunner().invoke(cli, ["report", *(a.format(fixture=fixture_graph_path) for a in args)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == message


def test_kg_report_of_a_store_matches_the_report_of_its_graph(tmp_path):
    store_module = pytest.importorskip("kg.store.dataset")
    from kg.graph.rdf import vocabularies

    folder = tmp_path / "store"
    with store_module.open_store(folder, write=True) as store:
        store.set_vocabularies(vocabularies())
        store.put(hand_extraction())
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_text(to_graph([hand_extraction()]).serialize(format="turtle"), encoding="utf-8")
    runner = CliRunner()
    from_store = runner.invoke(cli, ["report", "--store", str(folder), "-o", str(tmp_path / "store.html")])
    assert from_store.exit_code == 0, from_store.output
    assert from_store.stderr.strip() == f"Wrote the report of the store {folder} to {tmp_path / 'store.html'}"
    assert runner.invoke(cli, ["report", str(graph_file), "-o", str(tmp_path / "file.html")]).exit_code == 0
    assert (tmp_path / "store.html").read_text(encoding="utf-8") == (tmp_path / "file.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    ([], "Error: give at least one graph file, or --store"),
    (["graph.ttl", "--store", "somewhere"], "Error: give either graph files or --store, not both"),
])
def test_kg_report_usage_errors(args, message):
    result = CliRunner().invoke(cli, ["report", *args])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == message


# --- in a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, driven by Playwright (never a downloaded browser)."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright is not installed (pip install -e '.[test]')"
    if reason is None and not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield launched
        launched.close()


class Page:
    """A report opened in the browser, recording dialogs, errors and every request it makes."""

    def __init__(self, browser, path: Path, fragment: str = ""):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("body[data-ready]", state="attached")  # drawn, to the actors and positions

    def texts(self, selector: str) -> str:
        return "".join(self.page.locator(selector).all_text_contents())

    def statement_id(self, iri: str) -> str:
        return self.page.locator(f'.st-item[data-iri="{iri}"]').get_attribute("data-st")

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def example_report(example_graph_path, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(cli, ["report", str(example_graph_path), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture
def example_page(browser, example_report):
    page = Page(browser, example_report)
    yield page
    page.close()


def _words(text: str) -> str:
    return re.sub(r"\W", "", text).casefold()


def _example_statements(example_graph) -> list[dict]:
    return select(example_graph, "report-statements")


def test_every_evidence_span_is_highlighted_with_its_text(example_page, example_graph):
    articles = select(example_graph, "report-articles")
    bodies = example_page.page.locator(".body").evaluate_all("els => els.map(el => el.textContent)")
    assert bodies == [a["body"] for a in articles]  # the text itself, untouched by the markup
    statements = {r["statement"]: r for r in _example_statements(example_graph)}
    assert len(statements) > 10
    for iri, row in statements.items():
        sid = example_page.statement_id(iri)
        assert example_page.texts(f'.body .ev[data-st~="{sid}"]') == row["evidence"], iri


def test_speaker_cue_and_content_are_marked_apart(example_page, example_graph):
    counts = {"speaker": 0, "cue": 0, "content": 0}
    for row in _example_statements(example_graph):
        sid = example_page.statement_id(row["statement"])
        speaker = example_page.texts(f'.body .ev[data-speaker~="{sid}"]')
        content = example_page.texts(f'.body .ev[data-content~="{sid}"]')
        cue = example_page.texts(f'.body .ev[data-cue~="{sid}"]')
        if speaker:
            assert _words(speaker) == _words(row["mention"])
            counts["speaker"] += 1
        if content:
            assert _words(content) == _words(row["content"])
            counts["content"] += 1
        if cue:
            assert all(_words(part) in _words(cue) for part in row["cue"].split("..."))
            counts["cue"] += 1
    total = len(_example_statements(example_graph))
    assert all(count >= total * 0.8 for count in counts.values()), counts
    # the three roles look different on the page
    styles = [example_page.page.locator(f".legend .m-{role}").evaluate(
        "el => { const s = getComputedStyle(el); return [s.color, s.fontWeight, s.fontStyle].join() }")
        for role in ("speaker", "cue", "content")]
    assert len(set(styles)) == 3


def test_a_hover_card_shows_speaker_position_and_channel(example_page, example_graph):
    # a statement that came through The New York Times and has a position
    found = run(example_graph, """
        SELECT ?statement ?name ?label WHERE {
          ?statement kg:speaker/skos:prefLabel ?name ; kg:position/skos:prefLabel ?label ;
              kg:channel/kg:nextHop*/rdfs:label "The New York Times" .
        } ORDER BY ?statement LIMIT 1""").rows()
    assert found, "the examples have a statement carried by The New York Times"
    row = found[0]
    sid = example_page.statement_id(row["statement"])
    page = example_page.page
    card = page.locator(f"#card-{sid}")
    assert card.is_hidden()
    # hover the first stretch of its evidence that shows this statement first
    segments = page.locator(f'.body .ev[data-st^="{sid} "], .body .ev[data-st="{sid}"]')
    assert segments.count() > 0
    segments.first.hover()
    assert card.is_visible()
    text = card.inner_text()
    assert row["name"] in card.locator(".f-speaker").inner_text()
    assert row["label"] in card.locator(".f-position").inner_text()
    assert "The New York Times" in card.locator(".f-channel").inner_text()
    assert re.search(r"\((person|group|organization|country)", card.locator(".f-speaker").inner_text())
    assert "Hedged" in text
    # its words, and only they, are picked out while the card shows
    assert page.locator(".body .ev.on").count() == page.locator(f'.body .ev[data-st~="{sid}"]').count()
    page.mouse.move(2, 2)
    assert card.is_hidden()


def test_the_chain_diagram_has_the_outlets(example_page, example_graph):
    page = example_page.page
    labels = page.locator("#chains svg .node text").all_text_contents()
    assert "The New York Times" in labels
    assert "European Pravda" in labels
    outlets = page.locator("#chains svg .node.outlet text").all_text_contents()
    assert "The New York Times" in outlets
    hops = {r["label"] for r in select(example_graph, "report-channel-hops")}
    assert {label for label in hops if len(label) <= 32} <= set(labels)
    assert page.locator("#chains svg .edge path").count() >= len(hops)
    assert page.locator("#chains svg").bounding_box()["width"] > 300


def test_actors_and_positions_sections(example_page, example_graph):
    page = example_page.page
    table = select(example_graph, "positions-by-actor")
    assert page.locator("#positions tbody tr").count() == len(table)
    assert page.locator("#positions tbody th").count() == len({r["speakerName"] for r in table})
    putin = page.locator(".actor", has=page.locator("h3", has_text="Vladimir Putin"))
    assert putin.count() == 1
    groups = putin.locator("h4").all_text_contents()
    held = [r["label"] for r in table if r["speakerName"] == "Vladimir Putin"]
    assert held and all(any(g.strip().startswith(label) for g in groups) for label in held)


def test_the_page_is_self_contained_and_quiet(example_page, example_report, tmp_path):
    page = example_page.page
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert example_page.requests == [example_report.as_uri()]
    assert example_page.errors == []
    assert example_page.dialogs == []


def test_clicking_shared_words_cycles_through_the_statements(browser, tmp_path):
    graph = to_graph([hand_extraction()])
    path = tmp_path / "nested.html"
    path.write_text(render_report(graph), encoding="utf-8")
    view = Page(browser, path)
    page = view.page
    assert view.texts('.body .ev[data-st~="s1"]') == HAND_BODY == view.texts('.body .ev[data-st~="s2"]')
    words = page.locator(".body .ev", has_text="he would never give up the land")
    shown = []
    for _ in range(3):  # each click on words that several statements share shows the next one
        words.click()
        assert page.locator(".card:visible").count() == 1
        shown.append(page.locator(".card:visible").get_attribute("data-st"))
    assert shown == ["s2", "s1", "s2"]  # the innermost first: Putin said ..., then the official told ...
    inner = page.locator("#card-s2").inner_text()
    assert "Reported by" in inner and "the official" in inner
    assert "Reports" in page.locator("#card-s1").inner_text()
    page.keyboard.press("Escape")
    assert page.locator(".card:visible").count() == 0
    view.close()


def test_a_hostile_article_renders_as_text(browser, nlp, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(
        f"Evil {HOSTILE} headline\n\n"
        f"“{HOSTILE} is not a \"plan\" & it's <b>not</b> over,” the minister said on Tuesday.\n"
        f"O'Brien said the 'deal' was <img src=x onerror=alert(2)> dead.\n", encoding="utf-8")
    graph, output = tmp_path / "hostile.ttl", tmp_path / "hostile.html"
    assert CliRunner().invoke(cli, ["build", str(article), "-o", str(graph)]).exit_code == 0
    result = CliRunner().invoke(cli, ["report", str(graph), "-o", str(output), "--title", nasty_title()])
    assert result.exit_code == 0, result.output
    view = Page(browser, output)
    page = view.page
    page.wait_for_timeout(300)
    assert view.dialogs == []
    assert view.errors == []
    body = page.locator(".body").first.inner_text()
    assert HOSTILE in body and '"plan"' in body and "<b>not</b>" in body and "<img src=x onerror=alert(2)>" in body
    assert page.locator(".body b, .body img, main img").count() == 0
    assert page.locator("script:not([type='application/json'])").count() == 1
    assert page.title() == nasty_title()
    # the hostile words still get their highlight and card
    assert page.locator(".body .ev").count() > 0
    page.locator(".body .ev").first.hover()
    assert page.locator(".card:visible").count() == 1
    assert view.dialogs == []
    view.close()


def test_a_hostile_graph_renders_as_text(browser, tmp_path):
    path = tmp_path / "hostile-graph.html"
    path.write_text(render_report(hostile_graph()), encoding="utf-8")
    view = Page(browser, path)
    page = view.page
    page.wait_for_timeout(200)
    for locator in (page.locator(".body .ev").first, page.locator("#chains svg .node").first):
        locator.hover()
    assert view.dialogs == [] and view.errors == []
    assert page.locator("img").count() == 0
    assert HOSTILE in page.locator("#chains svg").inner_html().replace("&lt;", "<").replace("&gt;", ">")
    assert page.locator("a[href^='javascript']").count() == 0
    page.locator("#f-search").fill(HOSTILE)  # searched for, it is words like any others
    page.locator("#f-search").press("Enter")
    assert page.locator("#article-index a.open").all_text_contents() == [
        f"{HOSTILE}\"'&amp;<img src=x onerror=alert(2)>"]
    assert page.locator("img").count() == 0 and view.dialogs == [] and view.errors == []
    view.close()


def test_nested_statements_share_their_sentence_on_the_page(browser, fixture_graph, tmp_path):
    path = tmp_path / "fixture.html"
    path.write_text(render_report(fixture_graph), encoding="utf-8")
    view = Page(browser, path)
    inner, outer = view.statement_id(statement_iri("274-350", 0)), view.statement_id(statement_iri("274-350", 1))
    pieces = view.page.locator(f'.body .ev[data-st~="{inner}"]')
    assert "".join(pieces.all_text_contents()) == \
        "Putin said he would never give up the conquered land, the official recalled."
    # both statements cover every piece; the one whose mark is tightest comes first
    covered = {}
    for index in range(pieces.count()):
        piece = pieces.nth(index)
        attrs = piece.evaluate("el => Object.fromEntries([...el.attributes].map(a => [a.name, a.value]))")
        assert set(attrs["data-st"].split()) == {inner, outer}
        covered[piece.text_content()] = attrs
    assert covered["Putin"]["data-st"].split()[0] == inner
    assert (covered["Putin"]["data-speaker"], covered["Putin"]["data-content"]) == (inner, outer)
    assert covered["the official"]["data-st"].split()[0] == outer
    assert set(covered["he would never give up the conquered land"]["data-content"].split()) == {inner, outer}
    view.close()


def test_the_chain_diagram_of_the_fixture(browser, fixture_graph, tmp_path):
    path = tmp_path / "fixture.html"
    path.write_text(render_report(fixture_graph), encoding="utf-8")
    view = Page(browser, path)
    page = view.page
    edges = sorted(t.split(":")[0] for t in page.locator("#chains svg .edge title").all_text_contents())
    assert edges == ["Kremlin → Reuters", "Reuters → The New York Times", "The New York Times → European Pravda",
                     "senior Russian official → The New York Times"]
    widths = page.locator("#chains svg .edge path").evaluate_all("els => els.map(e => e.getAttribute('stroke-width'))")
    assert sorted(widths) == ["2", "2", "2", "3"]  # 1 + the statements that took it
    assert set(page.locator("#chains svg .node:not(.origin) text").all_text_contents()) == {
        "The New York Times", "European Pravda", "Reuters"}
    assert page.locator("#chains svg .node.outlet").count() == 4
    assert table_rows(page.locator("#positions tbody tr"))[:2] == [
        ["Dmitry Peskov", "denies the report deny_report", "1", "0"],
        ["Kremlin", "open to a ceasefire open_to_ceasefire", "1", "1 of 1"]]
    assert view.errors == []
    view.close()


# --- a corpus: the index, search, filters and pages ---------------------------------------------

OUTLETS = ("Harbour Times", "Valley Courier")
CORPUS = 25  # more than a page (20)


def corpus_article(number: int) -> Extraction:
    """Article ``number`` of a corpus written for these tests: Putin's vow (hedged in every third), the official
    who reports it, and in every fifth a second speaker, Maria Costa, open to a ceasefire."""
    body = (f"Putin said he would never give up the land at Kilometre {100 + number}, "
            "the official told The New York Times.")
    costa = " Maria Costa said the ceasefire talks could resume."
    if number % 5 == 0:
        body += costa
    article = parse_article(f"Talks, day {number + 1}\nSource: {OUTLETS[number % 2]}, 2024-03-{number + 1:02d}, "
                            f"https://news.example.org/talks/{number}\n\n{body}", name=f"day-{number + 1:02d}.txt")
    hand = hand_extraction()
    outer, inner = hand.statements
    end = body.index(".") + 1
    content = body[:body.index(",")]
    outer.end, outer.evidence, outer.content = end, body[:end], content
    inner.end, inner.evidence, inner.content = end, body[:end], content[len("Putin said "):]
    inner.hedged = number % 3 == 0
    statements = [outer, inner]
    actors = dict(hand.actors)
    if number % 5 == 0:
        start = end + 1
        statements.append(Statement(start, len(body), body[start:], "Maria Costa", "said",
                                    "the ceasefire talks could resume", kind="stance", speaker_actor="maria-costa",
                                    position="open_to_ceasefire"))
        actors["maria-costa"] = Actor("maria-costa", "Maria Costa", "person")
    return Extraction(article, statements, actors)


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.html"
    path.write_text(render_report(to_graph([corpus_article(n) for n in range(CORPUS)])), encoding="utf-8")
    return path


@pytest.fixture
def corpus(browser, corpus_report):
    view = Page(browser, corpus_report)
    yield view
    assert view.errors == [] and view.dialogs == []
    assert view.requests == [corpus_report.as_uri()]
    view.close()


def table_rows(rows) -> list[list[str]]:
    """The cells of table rows as text (text_content: the browser lays out a table off screen only when needed)."""
    return rows.evaluate_all("trs => trs.map(tr => [...tr.cells].map(c => c.textContent.trim()))")


def index_titles(view: Page) -> list[str]:
    return view.page.locator("#article-index tbody a.open").all_text_contents()


def filtered(view: Page, selector: str, value: str) -> None:
    """Set a filter as a reader does: type into a field, or choose an option."""
    control = view.page.locator(selector)
    if control.evaluate("el => el.tagName") == "SELECT":
        control.select_option(label=value)
    else:
        control.fill(value)
        control.press("Enter")


def test_the_index_lists_articles_with_outlet_date_and_link(corpus):
    page = corpus.page
    rows = page.locator("#article-index tbody tr")
    assert rows.count() == 20  # a page
    first = rows.first.locator("td").all_inner_texts()
    assert first[:4] == ["2024-03-01", "Harbour Times", "Talks, day 1", "3"]
    link = rows.first.locator("a.source")
    assert link.get_attribute("href") == "https://news.example.org/talks/0" and link.inner_text() == "news.example.org"
    assert page.locator("#matches").inner_text() == "25 articles, showing 1–20 · 55 statements"
    assert page.locator("#index-outlets .chip").all_inner_texts() == ["Harbour Times 13", "Valley Courier 12"]
    assert "Vladimir Putin 25" in page.locator("#index-actors").inner_text()
    # each article shown links to its URL
    article = page.locator("#a2")
    assert article.locator("h3").inner_text() == "Talks, day 2"
    assert article.locator(".meta a").get_attribute("href") == "https://news.example.org/talks/1"
    assert "Valley Courier · 2024-03-02" in article.locator(".meta").inner_text()


def test_only_the_articles_of_a_page_are_drawn(corpus):
    page = corpus.page
    assert page.locator("article.article").count() == 20
    assert page.locator("#a21").count() == 0
    page.locator("#pager button", has_text="Next").click()
    assert page.locator("#pager .where").inner_text() == "Page 2 of 2"
    assert index_titles(corpus) == [f"Talks, day {n}" for n in range(21, 26)]
    assert page.locator("article.article").count() == 5 and page.locator("#a21 .body .ev").count() > 0
    assert page.locator("#matches").inner_text().startswith("25 articles, showing 21–25")
    page.locator("#pager button", has_text="Previous").click()
    assert index_titles(corpus)[0] == "Talks, day 1"


def test_opening_an_article_from_the_index(corpus):
    page = corpus.page
    page.locator("#article-index a.open", has_text="Talks, day 7").click()
    article = page.locator("#a7")
    assert article.locator(".body").inner_text().startswith(
        "Putin said he would never give up the land at Kilometre 106")
    assert article.evaluate("el => el.getBoundingClientRect().top") < 100  # scrolled to it


def test_search_finds_text_quotes_and_speakers(corpus):
    filtered(corpus, "#f-search", "kilometre 107")
    assert index_titles(corpus) == ["Talks, day 8"]
    assert corpus.page.locator("#matches").inner_text() == "1 of 25 articles · 2 of 55 statements match"
    assert corpus.page.locator("#a8 .st-item.hit").count() == 2
    filtered(corpus, "#f-search", "ceasefire talks")
    assert index_titles(corpus) == [f"Talks, day {n}" for n in (1, 6, 11, 16, 21)]
    assert corpus.page.locator("#a6 .st-item.hit").all_inner_texts() == [
        "S14 Maria Costa said · open to a ceasefire"]
    assert corpus.page.locator("#a6 .st-item:not(.hit)").count() == 2  # shown, but not what was searched
    filtered(corpus, "#f-search", "costa")  # a speaker's name
    assert len(index_titles(corpus)) == 5
    filtered(corpus, "#f-search", "no such words")
    assert index_titles(corpus) == [] and corpus.page.locator("#matches").inner_text() == "No article matches."


def test_the_actor_filter(corpus):
    from playwright.sync_api import expect  # assertions that wait for the page to redraw (typing also redraws)

    page = corpus.page
    filtered(corpus, "#f-actor", "Maria Costa")
    expect(page.locator("#article-index tbody a.open")).to_have_text([f"Talks, day {n}" for n in (1, 6, 11, 16, 21)])
    expect(page.locator("#actors .actor h3")).to_have_text(["Maria Costa 5"])
    expect(page.locator("#index-actors .chip")).to_have_text(["Maria Costa 5"])
    filtered(corpus, "#f-actor", "putin")  # part of a name, any case
    expect(page.locator("#matches")).to_have_text(re.compile(r"25 of 55 statements match$"))
    assert len(index_titles(corpus)) == 20
    page.locator("#f-clear").click()  # the form's reset redraws after the fields are cleared
    expect(page.locator("#matches")).to_have_text("25 articles, showing 1–20 · 55 statements")


def test_the_position_filter(corpus):
    filtered(corpus, "#f-position", "open to a ceasefire")
    assert len(index_titles(corpus)) == 5
    assert table_rows(corpus.page.locator("#positions tbody tr")) == [
        ["Maria Costa", "open to a ceasefire open_to_ceasefire", "5", "0"]]


def test_the_outlet_filter(corpus):
    page = corpus.page
    filtered(corpus, "#f-outlet", "Valley Courier (12)")
    assert len(index_titles(corpus)) == 12
    assert set(page.locator("#article-index tbody td:nth-child(2)").all_inner_texts()) == {"Valley Courier"}
    page.locator("#f-clear").click()
    page.locator("#index-outlets .chip", has_text="Harbour Times").click()  # the index's outlets filter too
    assert page.locator("#f-outlet").input_value() == "Harbour Times" and len(index_titles(corpus)) == 13


def test_the_hedged_filter(corpus):
    page = corpus.page
    filtered(corpus, "#f-hedged", "hedged")
    assert len(index_titles(corpus)) == 9  # every third article
    assert page.locator("#matches").inner_text() == "9 of 25 articles · 9 of 55 statements match"
    assert page.locator("#a1 .st-item.hit .badge").all_inner_texts() == ["hedged"]
    filtered(corpus, "#f-hedged", "not hedged")
    assert page.locator("#matches").inner_text().endswith("46 of 55 statements match")


def test_the_date_filter(corpus):
    page = corpus.page
    page.locator("#f-from").fill("2024-03-05")
    page.locator("#f-to").fill("2024-03-09")
    page.locator("#f-to").dispatch_event("change")
    assert index_titles(corpus) == [f"Talks, day {n}" for n in range(5, 10)]
    filtered(corpus, "#f-order", "newest first")
    assert index_titles(corpus)[0] == "Talks, day 9"


def test_a_statement_on_another_page_opens_its_article(corpus):
    page = corpus.page
    # Costa's statement in the 21st article (after 20 of Putin's and the official's, and 4 of hers): not on page 1
    link = page.locator("#actors .actor", has_text="Maria Costa").locator("a.go", has_text="S47")
    link.click()
    assert page.locator("#pager .where").inner_text() == "Page 2 of 2"
    assert page.locator("#card-s47").is_visible()
    assert "Talks, day 21" in page.locator("#card-s47 .f-article").inner_text()
    assert page.locator("#item-s47.on").count() == 1


def test_a_link_to_an_article_opens_its_page(browser, corpus_report):
    view = Page(browser, corpus_report, "#a23")  # a link to the 23rd article, on the second page
    page = view.page
    assert page.locator("#pager .where").inner_text() == "Page 2 of 2"
    assert page.locator("#a23 h3").inner_text() == "Talks, day 23"
    filtered(view, "#f-outlet", "Valley Courier (12)")
    page.evaluate("location.hash = '#a25'")  # an article of the Harbour Times: the filters give way
    page.wait_for_selector("#a25")
    page.wait_for_timeout(100)  # and nothing undoes it after
    assert page.locator("#f-outlet").input_value() == "" and page.locator("#a25 h3").inner_text() == "Talks, day 25"
    assert page.locator("#pager .where").inner_text() == "Page 2 of 2"
    assert view.errors == []
    view.close()
