"""The kg command line: a thin click layer over the kg library."""
from __future__ import annotations

import functools
import json
import sys

import click

from kg.errors import KgError

FORMATS_RDF = ("ttl", "nt", "nq", "trig", "jsonld", "rdf")  # kg.graph.rdf.RDF_FORMATS, without importing rdflib at start
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml", "ndjson")  # kg.graph.sparql.RESULT_FORMATS, without importing it


def data_options(func):
    """Options that add user data files to the shipped ones; the command receives them as ``settings``."""
    @functools.wraps(func)
    def wrapper(*args, scheme=(), lexicon=(), actors=(), channel_kinds=(), threshold=None, classifier="rules", **kwargs):
        from kg.extraction.extract import Settings
        from kg.extraction.positions.classifier import DEFAULT_THRESHOLD

        settings = Settings(tuple(scheme), tuple(lexicon), tuple(actors), tuple(channel_kinds),
                            DEFAULT_THRESHOLD if threshold is None else threshold, classifier)
        return func(*args, settings=settings, **kwargs)

    for option in reversed([
        click.option("--scheme", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra SKOS position scheme (Turtle); repeatable."),
        click.option("--lexicon", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra attribution lexicon (Turtle); repeatable."),
        click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra known actors (Turtle); repeatable."),
        click.option("--channel-kinds", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra SKOS channel-kind scheme (Turtle); repeatable."),
        click.option("--threshold", type=click.FloatRange(0, 1), default=None,
                     help="Minimum score for a position to be assigned (default 0.5)."),
        click.option("--classifier", type=click.Choice(["rules", "embeddings", "blend"]), default="rules",
                     show_default=True,
                     help="How positions are classified; embeddings/blend need pip install 'kg[embeddings]'."),
    ]):
        wrapper = option(wrapper)
    return wrapper


def column_options(func):
    """Options naming the fields of JSON Lines and CSV corpora; the command receives them as ``columns``."""
    @functools.wraps(func)
    def wrapper(*args, text_column="text", title_column="title", outlet_column="outlet", date_column="date",
                url_column="url", id_column=None, **kwargs):
        from kg.sources import Columns

        columns = Columns(text_column, title_column, outlet_column, date_column, url_column, id_column)
        return func(*args, columns=columns, **kwargs)

    for field, default in reversed([("text", "text"), ("title", "title"), ("outlet", "outlet"), ("date", "date"),
                                    ("url", "url"), ("id", None)]):
        wrapper = click.option(f"--{field}-column", default=default, show_default=default is not None,
                               metavar="NAME", help=f"JSON Lines/CSV: the field holding the article's {field}"
                               + (" (default: file and line/row number)" if field == "id" else "") + ".")(wrapper)
    return wrapper


def _fail(err: KgError) -> None:
    raise click.ClickException(str(err))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """Who said what, about whom, through which channel: news articles to an RDF knowledge graph.

    \b
    Example:
        kg build examples/*.txt -o graph.ttl
        kg validate graph.ttl
        kg query willing-to-stop-at-current-lines graph.ttl
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the graph here (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(FORMATS_RDF), default=None,
              help="RDF format; default from the output suffix (.ttl .nt .nq .trig .jsonld .rdf), else ttl.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Extraction processes (default 1; with --store, 2 for 100 articles or more on 2+ cores).")
@click.option("--store", "store_path", type=click.Path(), default=None,
              help="Add the articles to this store folder (created when missing) instead of writing a file.")
@click.option("--force", is_flag=True, help="With --store: extract unchanged articles again.")
@click.option("--cluster", "cluster", default=None, metavar="ADDRESS",
              help="With --store: extract on a Dask cluster (scheduler address, or 'local' for --workers local "
                   "worker processes); needs pip install 'kg[cluster]'.")
@click.option("--shards", type=click.Path(file_okay=False), default=None,
              help="With --cluster: folder, shared with the workers, where they write their N-Quads shards.")
@data_options
@column_options
def build(paths, output, fmt, workers, store_path, force, cluster, shards, settings, columns) -> None:
    """Extract articles (files or folders) into one RDF graph.

    A file is read by its suffix: .html/.htm (main text and metadata), .jsonl/.ndjson and .csv (one
    article a line or row, fields renamed with --text-column etc.), else plain text; - reads stdin.
    A folder gives its .txt and .text files (not README.txt, LICENSE.txt or hidden files).

    With --store the articles go into a persistent store, one named graph each; articles unchanged
    since the last build are skipped.

    \b
    Example:
        kg build examples/*.txt -o graph.ttl
        kg build articles/ --scheme my-positions.ttl -o graph.jsonld
        kg build articles/ --store ./kg-store --workers 2
        kg build corpus.csv --text-column body -o graph.ttl
        cat article.txt | kg build - -o graph.ttl
    """
    from kg.graph.corpus import build_triples, read_articles
    from kg.store.corpusfile import write_corpus_file, write_corpus_graph

    if store_path:
        if output or fmt:
            raise click.UsageError("give either --store or -o/--format, not both")
        _build_store(paths, store_path, settings, workers, force, cluster, shards, columns)
        return
    if cluster or shards or force:
        raise click.UsageError("--cluster, --shards and --force need --store")
    fmt = _output_format(output, fmt)  # before minutes of extraction, not after
    if output:
        _check_output_folder(output)
    failures: list[str] = []  # an article that fails is reported; the others are built

    def failed(_article, error: KgError) -> None:
        failures.append(str(error))
        bar.update(1)

    try:
        articles = read_articles(paths, columns)  # every file is read before the progress bar starts
        _note_skipped(paths)
        with click.progressbar(length=len(articles), label="Extracting", file=sys.stderr) as bar:
            graph = build_triples(articles, settings, progress=lambda _: bar.update(1), workers=workers or 1,
                                  on_failure=failed).triples()  # no rdflib Graph: the writers take the triples
    except KgError as err:
        _fail(err)
    _report_failures(failures)
    if len(failures) == len(articles):
        raise click.ClickException("no article could be extracted; nothing written")
    if not output:
        write_corpus_graph(graph, sys.stdout.buffer, fmt)
    else:
        try:
            write_corpus_file(graph, output, fmt)
        except OSError as err:
            raise click.ClickException(f"{output}: cannot write: {err.strerror or err}") from None
        click.echo(f"Wrote {len(graph)} triples from {len(articles) - len(failures)} article(s) to {output}", err=True)
    if failures:
        sys.exit(1)


def _note_skipped(paths) -> None:
    """Say which files of the folders given a build leaves out (kg.article's rule), so none goes unnoticed."""
    from kg.article import skipped_in_folders

    skipped = skipped_in_folders([p for p in paths if p != "-"])
    if skipped:
        shown = ", ".join(str(p) for p in skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        click.echo(f"Note: skipped {len(skipped)} file(s) in the folders, which take .txt and .text articles "
                   f"(name a file to read it): {shown}", err=True)


def _report_failures(failures: list[str]) -> None:
    for line in failures:
        click.echo(f"Error: {line}", err=True)
    if failures:
        click.echo(f"{len(failures)} article(s) failed and were left out; the others were built", err=True)


def _build_store(paths, store_path, settings, workers, force, cluster, shards, columns) -> None:
    from kg.store.build import build_store, read_sources
    from kg.store.dataset import check_store_folder

    def show(done) -> str | None:
        return None if done is None else f"{done.status} {done.name}"

    try:
        check_store_folder(store_path)
        sources = read_sources(paths, columns)  # every file is read before any work: a bad one fails first
        _note_skipped(paths)
        with click.progressbar(length=len(sources), label="Extracting", file=sys.stderr, item_show_func=show) as bar:
            def progress(done) -> None:
                bar.current_item = done
                bar.update(1)

            executor, purpose = None, "kg build"  # None: here (kg.store.executors.LocalExecutor, --workers processes)
            if cluster:
                from kg.store.cluster import DaskExecutor

                executor = DaskExecutor(cluster, workers=workers or 2, shard_dir=shards)
                purpose = "kg build --cluster"
            summary = build_store(sources, store_path, settings, workers=workers, progress=progress, force=force,
                                  executor=executor, purpose=purpose)
    except KgError as err:
        _fail(err)
    _report_failures(summary.failures)
    failed = f", {len(summary.failures)} failed" if summary.failures else ""
    click.echo(f"Store {store_path}: {summary.added} added, {summary.replaced} replaced, "
               f"{summary.skipped} unchanged (skipped){failed}; {summary.triples} triples", err=True)
    if summary.failures:
        sys.exit(1)


def _check_output_folder(output: str) -> None:
    # Fail before minutes of extraction, not after (kg.outputs: one rule for every output).
    from kg.outputs import check_output

    try:
        check_output(output)
    except KgError as err:
        _fail(err)


def _write_text(output: str, text: str) -> None:
    """Write an output file atomically, or fail in one line."""
    from kg.graph.rdf import write_atomic

    try:
        write_atomic(output, text)
    except OSError as err:
        raise click.ClickException(f"{output}: cannot write: {err.strerror or err}") from None


def _note_reading(store_path: str) -> None:
    """Tell a reader of a store that a build is writing it, and what it reads meanwhile (kg.store.snapshots)."""
    from kg.store.snapshots import reading_note

    note = reading_note(store_path)
    if note:
        click.echo(f"Note: {note}", err=True)


def _output_format(output: str | None, fmt: str | None) -> str:
    """The format of an RDF output: --format, else the file's suffix (the rule of kg export), else Turtle on stdout."""
    from kg.graph.rdf import rdf_format

    try:
        return rdf_format(output, fmt, default="ttl")
    except KgError as err:
        _fail(err)


@cli.command()
@click.argument("article", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "ttl", "jsonld"]), default="json", show_default=True,
              help="json: shaped like a gold annotation file; ttl/jsonld: RDF.")
@data_options
def extract(article, fmt, settings) -> None:
    """Extract the statements of one article and print them.

    The article is plain text, an HTML page (.html/.htm), or - for plain text on stdin.

    \b
    Example:
        kg extract examples/000_776e85ceb2cce017.txt --format json
        kg extract page.html --format ttl
    """
    from kg.evaluation.goldjson import to_gold_json
    from kg.extraction.extract import extract_article
    from kg.extraction.positions.classifier import load_scheme
    from kg.graph.rdf import serialize, to_graph

    try:
        extraction = extract_article(_one_article(article), settings)
    except KgError as err:
        _fail(err)
    if fmt == "json":
        click.echo(json.dumps(to_gold_json(extraction), indent=2, ensure_ascii=False))
    else:
        click.echo(serialize(to_graph([extraction], load_scheme(list(settings.scheme))), fmt))


def _one_article(path: str, command: str = "extract"):
    from kg.sources import STDIN, read_source, read_stdin

    articles = [read_stdin()] if path == STDIN else read_source(path)
    if len(articles) != 1:
        raise click.UsageError(f"{path}: holds {len(articles)} articles; kg {command} takes one (use kg build)")
    return articles[0]


@cli.command()
@click.argument("article", type=click.Path())
@click.option("--legend/--no-legend", default=True, show_default=True, help="End with what each rule used means.")
@data_options
def explain(article, legend, settings) -> None:
    """Show why each statement of one article was extracted.

    Each statement is printed with the rules behind its frame, speaker, cue, channel hops, kind and position
    (value ← rule ids); the same ids are in `kg extract --format json` ("rules") and in the graph
    (kg:frameRule, kg:speakerRule, ..., kg:decidedBy on channel hops).

    \b
    Example:
        kg explain examples/000_776e85ceb2cce017.txt
    """
    from kg.evaluation.explain import explain_text
    from kg.extraction.extract import extract_article

    try:
        extraction = extract_article(_one_article(article, "explain"), settings)
    except KgError as err:
        _fail(err)
    click.echo(explain_text(extraction, legend))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--store", "store_path", type=click.Path(), default=None,
              help="Validate a store in batches of articles (each with the actors it mentions): linear in the corpus.")
@click.option("-f", "--format", "fmt", type=click.Choice(["human", "turtle", "json-ld"]), default="human",
              show_default=True, help="The report: pySHACL's text, or its report graph (sh:ValidationReport).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file (default: stdout); the exit code still says whether it conforms.")
@data_options
def validate(paths, store_path, fmt, output, settings) -> None:
    """Check graphs, or articles, against the SHACL shapes.

    Several PATHS are validated as one graph (an article may point to an actor that another file
    describes). An article (.txt, .text, .md, .html, .htm, a .jsonl/.ndjson/.csv corpus, or - for
    plain text on stdin) is extracted first; the articles among PATHS are extracted together.

    Exit 0 when it conforms, 1 when it does not (the report is printed), 2 when it could not run.

    \b
    Example:
        kg validate graph.ttl
        kg validate new-article.txt
        kg validate actors.ttl articles.nq --format turtle -o report.ttl
        kg validate --store ./kg-store
    """
    from kg.graph.validate import graph_to_validate, report_text, validate_graph

    if bool(paths) == bool(store_path):
        raise click.UsageError("give graph or article PATHS, or --store")
    if output:
        _check_output_folder(output)
    if store_path:
        _validate_store(store_path, fmt, output)
        return
    try:
        graph = graph_to_validate(paths, settings)
        report = validate_graph(graph)
    except KgError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(2)
    label = ", ".join(paths)
    summary = f"{label}: {'conforms' if report.conforms else 'does not conform'} ({len(graph)} triples)"
    if fmt == "human" and report.conforms and not output:
        click.echo(summary)
        return
    _write_report(report_text(report, fmt), output, summary)
    if not report.conforms:
        sys.exit(1)


def _write_report(text: str, output: str | None, summary: str) -> None:
    """A validation report to stdout, or to a file with the one-line summary on stderr."""

    if not output:
        click.echo(text.rstrip("\n"))
        return
    _write_text(output, text)
    click.echo(f"{summary}; report written to {output}", err=True)


def _validate_store(store_path: str, fmt: str = "human", output: str | None = None) -> None:
    from kg.graph.validate import combined_report, report_text
    from kg.store.dataset import open_store

    _note_reading(store_path)
    try:
        with open_store(store_path, purpose="kg validate") as store:
            count = len(store.article_graphs())
            with click.progressbar(length=count, label="Validating", file=sys.stderr) as bar:
                failed = store.validate(progress=lambda _: bar.update(1))
    except KgError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(2)
    if not failed:
        summary = f"{store_path}: conforms ({count} articles)"
        if fmt == "human" and not output:
            click.echo(summary)
        else:
            _write_report(report_text(combined_report([]), fmt), output, summary)
        return
    summary = f"{store_path}: {len(failed)} of {count} articles do not conform"
    if fmt == "human":
        text = "".join(f"# articles {text_hash}\n{report.text}\n" for text_hash, report in failed) + summary + "\n"
    else:
        text = report_text(combined_report([report for _, report in failed]), fmt)
    _write_report(text, output, summary)
    sys.exit(1)


@cli.command("queries")
def list_queries() -> None:
    """List the stored queries with what each answers.

    \b
    Example:
        kg queries
    """
    from kg.graph.queries import stored_queries

    found = stored_queries()
    width = max(len(q.name) for q in found)
    for query in found:
        click.echo(f"{query.name.ljust(width)}  {query.description}")


def _complete_query_name(ctx, param, incomplete: str) -> list:
    """Shell completion of NAME: the stored queries (with -e, NAME is a graph file: the shell completes files)."""
    from click.shell_completion import CompletionItem

    from kg.graph.queries import stored_queries

    if ctx.params.get("expression"):
        return [CompletionItem(incomplete, type="file")]
    return [CompletionItem(q.name, help=q.description) for q in stored_queries() if q.name.startswith(incomplete)]


@cli.command()
@click.argument("name", required=False, shell_complete=_complete_query_name)
@click.argument("graphs", nargs=-1, type=click.Path())
@click.option("-e", "--expression", help="A SPARQL query to run instead of a stored one.")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="table, the W3C SPARQL results formats csv/tsv/json/xml, or ndjson (a JSON object a row).")
@click.option("--width", type=click.IntRange(0), default=60, show_default=True,
              help="table: cut cells at this many characters (0: never).")
@click.option("--bind", "bindings", multiple=True, metavar="VAR=VALUE",
              help='Bind a query variable to an IRI (https://..., actor:name) or a literal '
                   '("Putin"@en, true, 5, plain text); repeatable.')
@click.option("--store", "store_path", type=click.Path(), default=None,
              help="Query this store (the union of its graphs) instead of graph files.")
def query(name, graphs, expression, fmt, width, bindings, store_path) -> None:
    """Run a stored query NAME, or a SPARQL query (-e), over graphs.

    Graph files (.ttl .nt .nq .trig .jsonld .rdf) are read into Oxigraph, which runs every query; named
    graphs stay apart for GRAPH ?g, queries without GRAPH see them all. Rows are written as they come.

    \b
    Example:
        kg query willing-to-stop-at-current-lines graph.ttl
        kg query via-outlet graph.ttl --bind outlet=https://w3id.org/kg/actor/european-pravda
        kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' graph.ttl --format csv
        kg query statements-by-actor --store ./kg-store --format ndjson > statements.ndjson
    """
    from kg.graph.queries import get_query

    if expression and name:
        graphs = (name, *graphs)
    elif not expression and not name:
        raise click.UsageError("give a stored query NAME or a query with -e")
    values = dict(_binding(b) for b in bindings)
    try:
        text = expression if expression else get_query(name).text
    except KgError as err:
        _fail(err)
    _run_and_write(text, graphs, store_path, values, lambda result, out: _write(result, out, fmt, width))


def _run_and_write(text, graphs, store_path, values, write) -> None:
    """Run a query over graph files or a store (kept open while the rows stream out) and write its result."""
    from kg.graph.sparql import load_files, run

    if store_path and graphs:
        raise click.UsageError("give either graph files or --store, not both")
    if not graphs and not store_path:
        raise click.UsageError("give at least one graph file, or --store")
    out = click.get_binary_stream("stdout")
    try:
        if store_path:
            from kg.store.lock import read_store

            _note_reading(store_path)
            with read_store(store_path, purpose="kg query") as dataset:
                write(run(dataset, text, values), out)
        else:
            write(run(load_files(graphs), text, values), out)
        out.flush()
    except KgError as err:
        _fail(err)
    except BrokenPipeError:  # the reader stopped (kg query ... | head): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


def _write(result, out, fmt: str, width: int) -> None:
    from kg.graph.sparql import write_result

    write_result(result, out, fmt, width)


def _binding(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise click.BadParameter(f"'{text}' is not VAR=VALUE", param_hint="--bind")
    var, value = text.split("=", 1)
    return var.strip().lstrip("?"), value.strip()


@cli.command("eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of gold annotation files (FORMAT.md).")
@click.argument("articles", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--rules", "per_rule", is_flag=True,
              help="Also a table per rule (after the totals): statements produced, true and false against the gold.")
@data_options
def eval_command(gold_dir, articles, fmt, per_rule, settings) -> None:
    """Score extraction against gold annotations (per article, total).

    With --rules, a table per rule follows the totals (the rule ids of kg explain): the statements each
    produced, how many the gold has (true) or not (false), and on the true ones how often the aspect the
    rule decided (speaker, cue, channel, kind, position) matches the gold; JSON gives {"scores", "rules"}.

    \b
    Example:
        kg eval --gold examples/gold examples/*.txt
        kg eval --gold examples/gold examples/*.txt --rules
    """
    from kg.evaluation.score import evaluate_files, format_rule_table, format_scores, rule_rows

    try:
        scores = evaluate_files(articles, gold_dir, settings)
    except KgError as err:
        _fail(err)
    if fmt == "json":
        data = [s.as_dict() for s in scores]
        click.echo(json.dumps({"scores": data, "rules": rule_rows(scores[-1])} if per_rule else data, indent=2))
        return
    click.echo(format_scores(scores))
    if per_rule:
        click.echo("\nPer rule (total):\n" + format_rule_table(scores[-1]))


@cli.command()
@click.argument("graphs", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="json and ndjson: a record per actor (statements a number, aliases a list); the others as kg query.")
@click.option("--width", type=click.IntRange(0), default=60, show_default=True,
              help="table: cut cells at this many characters (0: never).")
@click.option("--store", "store_path", type=click.Path(), default=None,
              help="List the actors of this store instead of graph files.")
def actors(graphs, fmt, width, store_path) -> None:
    """List the actors of graphs: kind, statement count and aliases.

    \b
    Example:
        kg actors graph.ttl
        kg actors --store ./kg-store --format json
    """
    from kg.graph.queries import get_query

    def write(result, out) -> None:
        if fmt in ("json", "ndjson"):
            from kg.graph.queries import actor_records
            from kg.graph.sparql import write_records

            write_records(actor_records(result), out, fmt)
        else:
            _write(result, out, fmt, width)

    _run_and_write(get_query("actors").text, graphs, store_path, {}, write)


@cli.command()
@click.argument("graphs", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the HTML here (default: stdout).")
@click.option("--title", default="Who said what", show_default=True, help="The page title.")
@click.option("--store", "store_path", type=click.Path(), default=None,
              help="Report on this store folder (kg build --store) instead of graph files.")
def report(graphs, output, title, store_path) -> None:
    """Write a self-contained HTML report of who said what.

    The page has an index of the articles (outlet, date, a link to each one's URL), 20 a page, with
    search and filters (actor, position, outlet, hedged, dates); it shows the articles of a page with
    their statements marked (hover one for its speaker, position, hedging and channel), everything each
    actor said grouped by position, a diagram of the reporting chains and a table of positions by actor,
    for what matches. It loads nothing from the network.

    \b
    Example:
        kg report graph.ttl -o report.html
        kg report --store ./kg-store -o report.html
    """
    from kg.report.render import render_report, render_store_report

    if store_path and graphs:
        raise click.UsageError("give either graph files or --store, not both")
    if not graphs and not store_path:
        raise click.UsageError("give at least one graph file, or --store")
    if output:
        _check_output_folder(output)
    if store_path:
        _note_reading(store_path)
    try:
        if store_path:
            html, source = render_store_report(store_path, title), f"the store {store_path}"
        else:
            from kg.graph.sparql import load_files
            from kg.report.render import graph_select

            data = load_files(graphs)
            html, source = render_report(graph_select(data), title), f"{len(data)} triples"
    except KgError as err:
        _fail(err)
    if not output:
        click.echo(html)
        return
    _write_text(output, html)
    click.echo(f"Wrote the report of {source} to {output}", err=True)


@cli.command()
@click.option("--store", "store_path", required=True, type=click.Path(), help="The store folder.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file: .ttl, .nt, .nq, .trig, .jsonld (these three a named graph per article) or .rdf.")
@click.option("--format", "fmt", type=click.Choice(FORMATS_RDF), default=None,
              help="RDF format; default from the output suffix.")
def export(store_path, output, fmt) -> None:
    """Write a store's corpus graph to one RDF file.

    The file holds what kg build -o writes for the same articles, byte for byte.

    \b
    Example:
        kg export --store ./kg-store -o corpus.nq
        kg export --store ./kg-store -o corpus.ttl
    """
    from kg.store.export import export_store

    _note_reading(store_path)
    try:
        count = export_store(store_path, output, fmt)
    except KgError as err:
        _fail(err)
    click.echo(f"Wrote {count} triples from {store_path} to {output}", err=True)


@cli.command()
@click.option("--store", "store_path", required=True, type=click.Path(), help="The store folder.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: any free one).")
@click.option("--write", is_flag=True, help="Serve read-write: SPARQL update and Graph Store Protocol at /store.")
def serve(store_path, host, port, write) -> None:
    """Serve a store as a SPARQL endpoint (read-only unless --write).

    The server is Oxigraph's, on 127.0.0.1 by default; Ctrl-C stops it.

    Queries without GRAPH see the union of the article graphs. While it runs, builds of the store are refused.

    \b
    Example:
        kg serve --store ./kg-store
        kg serve --store ./kg-store --port 8080 --write
    """
    from kg.store.server import start_server

    try:
        server = start_server(store_path, host=host, port=port, writable=write)
    except KgError as err:
        _fail(err)
    import signal

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops the server as Ctrl-C does
    mode = "read-write" if write else "read-only"
    click.echo(f"Serving {store_path} ({mode}) at {server.url}", err=True)
    click.echo(f"  SPARQL query:  {server.query_url}", err=True)
    if write:
        click.echo(f"  Graph Store:   {server.store_url}", err=True)
    try:
        code = server.wait()
    except KeyboardInterrupt:
        code = server.stop()
    click.echo("Stopped.", err=True)
    if code not in (0, None, -2, -15):
        raise click.ClickException(f"the oxigraph server exited with code {code}")


@cli.command()
@click.argument("graphs", nargs=-1, type=click.Path())
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph).")
@click.option("--store", "store_path", type=click.Path(), default=None,
              help="Send every graph of this store (each replaces its namesake).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="With files: the graph to send their triples to (default: the default graph).")
@click.option("--replace", is_flag=True, help="With files: replace the target graph instead of adding to it.")
def push(graphs, endpoint, store_path, graph_iri, replace) -> None:
    """Send graph files or a store to a Graph Store Protocol endpoint.

    \b
    Example:
        kg push --store ./kg-store --endpoint http://127.0.0.1:7878/store
        kg push graph.ttl --endpoint http://127.0.0.1:7878/store --graph https://example.org/g
    """
    from kg.store.push import push_files, push_store

    if bool(graphs) == bool(store_path):
        raise click.UsageError("give either graph files or --store")
    if store_path and (graph_iri or replace):
        raise click.UsageError("--graph and --replace are for files; a store's graphs keep their names")
    if not endpoint.startswith(("http://", "https://")):
        raise click.BadParameter(f"'{endpoint}' is not an http(s) URL", param_hint="--endpoint")
    if store_path:
        _note_reading(store_path)
    try:
        if store_path:
            summary = push_store(store_path, endpoint)
        else:
            summary = push_files(graphs, endpoint, graph=graph_iri, replace=replace)
    except KgError as err:
        _fail(err)
    click.echo(f"Sent {summary.triples} triples in {summary.graphs} graph(s) to {endpoint}", err=True)
