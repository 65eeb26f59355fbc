"""The command line: each command parses its options, asks the workspace, renders, and exits.

This is the only module that imports typer (and, for progress bars, rich). Library errors and
usage errors alike become one line on stderr and exit status 2; results follow `diff`: 0 for no
changes, 1 for changes. Renderers and the library are imported inside the commands, so `--help`
and `list` do not pay for the aligner, Jinja2 or spaCy.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .errors import CowCompareError, InputError

if TYPE_CHECKING:
    from .workspace import Workspace

CORPUS_ENV = "COW_COMPARE_CORPUS"
SETTINGS_ENV = "COW_COMPARE_SETTINGS"
STORE_ENV = "COW_COMPARE_STORE"
ANALYST_ENV = "COW_COMPARE_ANALYST"
DECISION_STATES = ("confirmed", "rejected", "added", "inherited", "needs-review", "stale")
"""model.DECISION_STATES, repeated so that `--help` need not import the model (a test checks they agree)."""
CHANGE_KINDS = ("identical", "renumbered", "reworded", "modified", "moved", "split", "merged", "added", "deleted",
                "not-reported")
"""model.CHANGE_KINDS, repeated here so that `--help` need not import the model (a test checks they agree)."""

app = typer.Typer(
    name="cow-compare",
    help="Compare versions of Russia-Ukraine peace plans provision by provision.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich's formatter costs more start-up than the rest of --help together.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --- formats: each command accepts exactly the ones its --help lists -----------------------

class ListFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class DataFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


# --- option bundles, spelt once and shared ---------------------------------------------------

CorpusOption = Annotated[Path | None, typer.Option(
    "--corpus", envvar=CORPUS_ENV, show_default=False,
    help=f"Corpus folder to read instead of the shipped proposals/ (also ${CORPUS_ENV}).")]
SettingsOption = Annotated[Path | None, typer.Option(
    "--settings", envvar=SETTINGS_ENV, show_default=False, metavar="FILE",
    help=f"A TOML file whose keys override the shipped thresholds and word lists (also ${SETTINGS_ENV}).")]
RulesOption = Annotated[list[str] | None, typer.Option(
    "--rules", metavar="FILE", show_default=False,
    help="A JSONL rule file (or the shipped example 'policy.v1') that adds categories or overrides rules of "
         "implications.v1 by id; repeat to add several.")]
TagOption = Annotated[str | None, typer.Option(
    "--tag", show_default=False, help="Only this tag: MNF-U, DMZ, territory, or a category a --rules file adds.")]
MinScoreOption = Annotated[float | None, typer.Option(
    "--min-score", show_default=False,
    help="Similarity in [0, 1] a pair needs to be linked (default: the settings' align.min_score, 0.5).")]
TagsOption = Annotated[bool, typer.Option(
    "--tags/--no-tags", help="Tag both versions and report tag shifts (--no-tags: faster; kinds are the same).")]
ColourOption = Annotated[bool | None, typer.Option(
    "--colour/--no-colour", show_default=False,
    help="Colour the output (default: on a terminal, unless NO_COLOR is set or TERM=dumb).")]
DocArgument = Annotated[str, typer.Argument(
    help="Corpus id, unique id prefix (us-28), or path to a file (.txt, .md, .html, .pdf, .docx).")]
ImportCorpusOption = Annotated[Path | None, typer.Option(
    "--corpus", envvar=CORPUS_ENV, show_default=False, metavar="DIR",
    help=f"Your corpus folder to write into (also ${CORPUS_ENV}); never the shipped proposals/.")]
StoreOption = Annotated[str | None, typer.Option(
    "--store", envvar=STORE_ENV, show_default=False, metavar="PATH",
    help=f"The analysts' decisions store (default: .cow-compare-decisions.sqlite in the corpus folder; for the "
         f"shipped corpus, cow-compare/decisions.sqlite in the user's data folder; 'off' for none; also ${STORE_ENV}).")]


def _fail(message: str) -> NoReturn:
    _error(message)
    raise typer.Exit(2)


def _error(message: str) -> None:
    # One line, whatever the message holds.
    sys.stderr.write(f"cow-compare: error: {' '.join(message.split())}\n")


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the library's errors into one line on stderr and exit status 2."""
    try:
        yield
    except CowCompareError as exc:
        _fail(str(exc))


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `cow-compare diff ... | head`: the reader has what it wanted.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:
        _fail(f"cannot write the output ({exc.strerror or exc}); check the disk or the file it goes to")


def _colour(choice: bool | None) -> bool:
    """--colour/--no-colour if given; else colour only on a terminal, and never with NO_COLOR or TERM=dumb."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _workspace(corpus: Path | None, settings: Path | None = None, *, rules: list[str] | None = None,
               min_score: float | None = None, tags: bool = True, store: str | None = None) -> Workspace:
    from .workspace import Workspace

    return Workspace(corpus, settings=settings, rules=rules or (), min_score=min_score, tags=tags, store=store)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cow-compare {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Compare versions of Russia-Ukraine peace plans provision by provision."""


@app.command("list")
def list_command(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.text,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
) -> None:
    """List the versions in the corpus: id, date, status, provision count, parties, title."""
    with _user_errors():
        docs = _workspace(corpus, settings).documents()
    from .render import csv_format, json_format, text_format

    renderers: dict[ListFormat, Callable[..., str]] = {
        ListFormat.text: text_format.listing, ListFormat.json: json_format.listing, ListFormat.csv: csv_format.listing}
    _write(renderers[fmt](docs))


@app.command("show")
def show_command(
    doc: DocArgument,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.text,
    tags: Annotated[bool, typer.Option("--tags", help="Show each provision's MNF-U, DMZ and territory tags.")] = False,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Show a version's provisions as a tree, with labels, statuses and the parser's warnings."""
    if tags and fmt is ShowFormat.markdown:
        _fail("`show --format markdown` writes the corpus format, which holds no tags; use --format text or json")
    if rules and not tags:
        _fail("--rules only matters with --tags; add --tags or drop --rules")
    with _user_errors():
        ws = _workspace(corpus, settings, rules=rules, store=store)
        document = ws.resolve(doc)
        tagged = ws.tag(document) if tags else None
    if fmt is ShowFormat.text:
        from .render import text_format

        _write(text_format.document(document, tags=tagged))
    elif fmt is ShowFormat.json:
        from .render import json_format

        _write(json_format.document(document, tagged))
    else:
        from .intake import writer

        _write(writer.document(document))


@app.command("tag")
def tag_command(
    doc: DocArgument,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Show the evidence words highlighted in the text, and the rule that fired.")] = False,
    tag: TagOption = None,
    fmt: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
    colour: ColourOption = None,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Tag each provision for MNF-U, DMZ and territory implications, with polarity and evidence."""
    with _user_errors():
        ws = _workspace(corpus, settings, rules=rules, store=store)
        document = ws.resolve(doc)
        name = ws.tag_name(tag)
        tagged = ws.tag(document)
    from .render import tags_format

    if fmt is DataFormat.text:
        _write(tags_format.text(tagged, name, explain=explain, colour=_colour(colour)))
    elif fmt is DataFormat.json:
        _write(tags_format.json(tagged, name, settings={"name": ws.settings.name, "digest": ws.settings.digest}))
    elif fmt is DataFormat.markdown:
        _write(tags_format.markdown(tagged, name))
    else:
        _write(tags_format.csv(tagged, name))


def _kinds(only: str | None) -> set[str] | None:
    if only is None:
        return None
    kinds = {k.strip() for k in only.split(",") if k.strip()}
    unknown = sorted(kinds - set(CHANGE_KINDS))
    if unknown or not kinds:
        _fail(f"--only {only!r} names unknown kind {', '.join(unknown) or '(none)'}; use {','.join(CHANGE_KINDS)}")
    return kinds


@app.command("diff")
def diff_command(
    old: Annotated[str, typer.Argument(help="The earlier version: corpus id, prefix or file path.")],
    new: Annotated[str, typer.Argument(help="The later version: corpus id, prefix or file path.")],
    fmt: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
    only: Annotated[str | None, typer.Option(
        "--only", help=f"Show only these kinds, comma-separated: {','.join(CHANGE_KINDS)}.")] = None,
    min_score: MinScoreOption = None,
    context: Annotated[bool, typer.Option("--context", help="Show identical provisions too.")] = False,
    colour: ColourOption = None,
    tags: TagsOption = True,
    tag: TagOption = None,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Align two versions provision by provision and show what changed. Exit 0: none, 1: changes."""
    kinds = _kinds(only)
    if not tags and (tag or rules):
        _fail(f"{'--tag' if tag else '--rules'} needs tags; drop --no-tags")
    with _user_errors():
        ws = _workspace(corpus, settings, rules=rules, min_score=min_score, tags=tags, store=store)
        name = ws.tag_name(tag) if tags else None
        report = ws.compare(old, new)
    changes = [
        c for c in report.changes
        if ((kinds is None and (context or c.kind != "identical")) or (kinds is not None and c.kind in kinds))
        and (name is None or any(t.tag == name for p in (*c.tags_from, *c.tags_to) for t in p.in_force))
    ]
    from .render import diff_format

    if fmt is DataFormat.text:
        _write(diff_format.text(report, changes, colour=_colour(colour)))
    elif fmt is DataFormat.json:
        _write(diff_format.json(report, changes))
    elif fmt is DataFormat.markdown:
        _write(diff_format.markdown(report, changes))
    else:
        _write(diff_format.csv(report, changes))
    raise typer.Exit(1 if report.changed else 0)


@app.command("history")
def history_command(
    provision: Annotated[str, typer.Argument(help="DOC:LABEL, e.g. us-28:8 (DOC: corpus id or prefix).")],
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.text,
    min_score: MinScoreOption = None,
    colour: ColourOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Follow one provision through every version lineage.toml connects to its own, with the analysts'
    decisions on it at each step."""
    with _user_errors():
        thread = _workspace(corpus, settings, min_score=min_score, tags=False, store=store).history(provision)
    from .render import history_format

    if fmt is HistoryFormat.json:
        _write(history_format.json(thread))
    else:
        _write(history_format.text(thread, colour=_colour(colour)))


@app.command("report")
def report_command(
    old: Annotated[str | None, typer.Argument(help="The earlier version (id, prefix or file).")] = None,
    new: Annotated[str | None, typer.Argument(help="The later version (id, prefix or file).")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every lineage edge, the usual cross pairs, "
                                        "an index and the lineage matrix.")] = False,
    output: Annotated[str, typer.Option("--output", "-o", help="Folder to write into.")] = "reports",
    min_score: MinScoreOption = None,
    tags: TagsOption = True,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Write self-contained HTML change reports (one file per pair) into a folder."""
    if every == (old is not None):
        _fail("give two versions (cow-compare report us-28 eu-e3) or --all, not both or neither")
    if old is not None and new is None:
        _fail(f"report needs a second version to compare {old!r} with, e.g. cow-compare report {old} ua-20")
    if not output.strip():
        _fail("-o '' names no folder; give the folder to write into, such as -o reports")
    folder = Path(output)
    if not tags and rules:
        _fail("--rules needs tags; drop --no-tags")
    from .reports import write_pair

    with _user_errors():
        ws = _workspace(corpus, settings, rules=rules, min_score=min_score, tags=tags, store=store)
        if every:
            written = _write_all_with_progress(ws, folder)
        else:
            assert old is not None and new is not None
            written = [write_pair(ws.compare(old, new), folder)]
    _write("".join(f"{path}\n" for path in written))


def _names(values: list[str] | None) -> tuple[str, ...]:
    """Repeated options, each also split at commas: --parties "United States,Ukraine" --parties EU."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


@app.command("import")
def import_command(
    source: Annotated[str, typer.Argument(help="A file (.txt, .md, .html, .pdf, .docx) or an http(s):// address.")],
    doc_id: Annotated[str | None, typer.Option(
        "--id", show_default=False, help="The new document's id (default: file name or page title, then the date).")] = None,
    title: Annotated[str | None, typer.Option(
        "--title", show_default=False, help="Its title (default: the source's own title, else the file name).")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", show_default=False, metavar="YYYY-MM-DD",
        help="The version's date, or 'today' (default: a date in the file name; without one, give --date or --id).")] = None,
    parties: Annotated[list[str] | None, typer.Option(
        "--parties", show_default=False, help="Parties, comma-separated or repeated.")] = None,
    derived_from: Annotated[list[str] | None, typer.Option(
        "--derived-from", show_default=False, help="Ids in the corpus it descends from, comma-separated or repeated.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a document with the same id.")] = False,
    fmt: Annotated[ImportFormat, typer.Option("--format", "-f", help="Output format.")] = ImportFormat.text,
    corpus: ImportCorpusOption = None,
    settings: SettingsOption = None,
) -> None:
    """Turn an original text (txt, md, html, pdf, docx, URL) into a corpus document, and report its numbering."""
    from .intake.importer import start_hint

    if corpus is None:
        _fail(f"import writes into a corpus folder of your own, and none was given: {start_hint(source)}")
    with _user_errors():
        result = _workspace(corpus, settings).import_source(
            source, id=doc_id, title=title, date=date, parties=_names(parties), derived_from=_names(derived_from),
            force=force)
    from .render import import_format

    _write(import_format.json(result) if fmt is ImportFormat.json else import_format.text(result))


def _write_all_with_progress(ws: Workspace, output: Path) -> list[Path]:
    """write_all with a progress bar on a terminal (the batch is long enough to want one)."""
    from .reports import planned_pairs, write_all

    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return write_all(ws, output)
    from rich.progress import Progress

    total = len(planned_pairs(ws.corpus)) + 1
    with Progress(transient=True) as bar:
        task = bar.add_task("writing reports", total=total)

        def step(what: str) -> None:
            bar.update(task, advance=1, description=what)

        return write_all(ws, output, step)


@app.command("review")
def review_command(
    docs: Annotated[list[str] | None, typer.Argument(
        help="Versions to review (ids or prefixes; default: every version of the corpus).", show_default=False,
        metavar="DOC...")] = None,
    host: Annotated[str, typer.Option(
        "--host", metavar="HOST", help="Address to listen on; anything but loopback must be asked for and is warned about.")]
        = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on (0: a free one).")] = 0,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
    analyst: AnalystOption = None,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Serve a local review page over the decisions store: a queue of calls to accept, reject or amend."""
    with _user_errors():
        # Starlette and uvicorn are imported here only, so other commands start as fast as before.
        from .decisions.record import analyst_name
        from .server.app import ReviewSettings
        from .server.serve import is_loopback, serve

        if not is_loopback(host):
            sys.stderr.write(f"cow-compare: warning: --host {host} makes the review page reachable from other machines; anyone with "
                   "the address and token can change the decisions store\n")
        ws = _workspace(corpus, settings, rules=rules, store=store)
        ws.writable_store()
        chosen = tuple(ws.resolve(d).id for d in docs or ())
        serve(ws, ReviewSettings(analyst=analyst_name(analyst), docs=chosen), host=host, port=port,
              open_browser=open_browser, say=lambda line: _write(line + "\n"))


# --- annotate: analysts' decisions -----------------------------------------------------------

annotate_app = typer.Typer(
    name="annotate",
    help="Record analysts' decisions on tags (confirm, reject, add, retract) and review them (list, log, "
         "export, import, agreement). Decisions follow each provision to later versions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("annotate", add_help_option=False,
             context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def annotate_command(ctx: typer.Context) -> None:
    """Analysts' decisions on tags: confirm, reject, add, retract; list, log, export, import, agreement."""
    from typer.main import get_command

    # The group is built only when it runs: typer builds every command's options at start-up, and
    # these nine would cost `diff`, `list` and `--help` a sixth more time (benchmarks/bench_startup.py).
    code = get_command(annotate_app).main(args=ctx.args, prog_name=ctx.command_path, standalone_mode=False)
    if isinstance(code, int) and code:
        raise typer.Exit(code)


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


class ListDecisionsFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


ProvisionArgument = Annotated[str, typer.Argument(help="DOC:LABEL, e.g. us-28:8 (DOC: corpus id or prefix).")]
TagArgument = Annotated[str, typer.Argument(help="MNF-U, DMZ, territory, or a category a --rules file adds.")]
AnalystOption = Annotated[str | None, typer.Option(
    "--analyst", envvar=ANALYST_ENV, show_default=False, metavar="NAME",
    help=f"Who decides (default: ${ANALYST_ENV}, else your login name).")]
WhyOption = Annotated[str, typer.Option("--why", metavar="TEXT", help="Why: kept with the decision.")]


def _decide(action: str, provision: str, tag: str, polarity: str | None, *, analyst: str | None, why: str,
            evidence: list[str] | None, rules: list[str] | None, corpus: Path | None, settings: Path | None,
            store: str | None) -> None:
    from .decisions.record import decide
    from .render import decisions_format

    with _user_errors():
        ws = _workspace(corpus, settings, rules=rules, store=store)
        events = decide(ws, action, provision, tag, polarity,  # type: ignore[arg-type]
                        analyst=analyst, why=why, evidence=evidence or ())
    _write(decisions_format.recorded(events))


@annotate_app.command("confirm")
def annotate_confirm(
    provision: ProvisionArgument,
    tag: TagArgument,
    polarity: Annotated[str | None, typer.Argument(
        help="The polarity to confirm (default: every polarity of the tag the provision shows).")] = None,
    analyst: AnalystOption = None,
    why: WhyOption = "",
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Confirm a tag the provision shows: the rules (or an earlier analyst) got it right."""
    _decide("confirm", provision, tag, polarity, analyst=analyst, why=why, evidence=None, rules=rules,
            corpus=corpus, settings=settings, store=store)


@annotate_app.command("reject")
def annotate_reject(
    provision: ProvisionArgument,
    tag: TagArgument,
    polarity: Annotated[str | None, typer.Argument(
        help="The polarity to reject (default: every polarity of the tag the provision shows).")] = None,
    analyst: AnalystOption = None,
    why: WhyOption = "",
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Reject a tag the provision shows: it stays in view, struck, and no longer counts."""
    _decide("reject", provision, tag, polarity, analyst=analyst, why=why, evidence=None, rules=rules,
            corpus=corpus, settings=settings, store=store)


@annotate_app.command("add")
def annotate_add(
    provision: ProvisionArgument,
    tag: TagArgument,
    polarity: Annotated[str, typer.Argument(help="The polarity, one of the tag's (see `cow-compare tag --help`).")],
    evidence: Annotated[list[str] | None, typer.Option(
        "--evidence", metavar="WORDS", show_default=False,
        help="Words of the provision that justify the tag; repeat for several runs of words.")] = None,
    analyst: AnalystOption = None,
    why: WhyOption = "",
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Add a tag the rules missed, with the words that justify it."""
    _decide("add", provision, tag, polarity, analyst=analyst, why=why, evidence=evidence, rules=rules,
            corpus=corpus, settings=settings, store=store)


@annotate_app.command("retract")
def annotate_retract(
    event: Annotated[str, typer.Argument(help="The event's number (as `annotate list` and `log` show it) or uid.")],
    analyst: AnalystOption = None,
    why: WhyOption = "",
    corpus: CorpusOption = None,
    store: StoreOption = None,
) -> None:
    """Withdraw a decision: the event stays in the log, and what was in force before it is again."""
    from .decisions.record import retract
    from .render import decisions_format

    with _user_errors():
        done = retract(_workspace(corpus, store=store), event, analyst=analyst, why=why)
    _write(decisions_format.recorded([done]))


@annotate_app.command("list")
def annotate_list(
    doc: Annotated[str | None, typer.Argument(help="Only this version (default: every version of the corpus).")] = None,
    analyst: Annotated[str | None, typer.Option(
        "--analyst", metavar="NAME", show_default=False, help="Only this analyst's decisions (their latest calls).")] = None,
    state: Annotated[list[str] | None, typer.Option(
        "--state", show_default=False, help=f"Only decisions in this state: {'|'.join(DECISION_STATES)}; repeat "
        "for several. needs-review is the to-do list after a new version arrives.")] = None,
    tag: TagOption = None,
    fmt: Annotated[ListDecisionsFormat, typer.Option("--format", "-f", help="Output format.")] = ListDecisionsFormat.text,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """List the decisions standing on each version: made there, inherited, needing review, or stale."""
    from .decisions.queries import listing
    from .render import decisions_format

    with _user_errors():
        ws = _workspace(corpus, settings, rules=rules, store=store)
        standings = listing(ws, doc, analyst=analyst, states=state or (), tag=ws.tag_name(tag))
        where = str(ws.store_path) if ws.store_path is not None else "off"
    if fmt is ListDecisionsFormat.json:
        _write(decisions_format.listing_json(standings, where))
    elif fmt is ListDecisionsFormat.csv:
        _write(decisions_format.listing_csv(standings))
    else:
        _write(decisions_format.listing_text(standings, where))


@annotate_app.command("log")
def annotate_log(
    provision: ProvisionArgument,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.text,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Every decision event on one provision and on its counterparts in every version, retractions too."""
    from .decisions.queries import log
    from .render import decisions_format

    with _user_errors():
        start, steps = log(_workspace(corpus, settings, tags=False, store=store), provision)
    _write(decisions_format.log_json(start, steps) if fmt is HistoryFormat.json
           else decisions_format.log_text(start, steps))


@annotate_app.command("export")
def annotate_export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.csv,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False, help="Write to this file (default: standard output).")] = None,
    corpus: CorpusOption = None,
    store: StoreOption = None,
) -> None:
    """Write every event of the store, in order, as CSV or JSON Lines: a backup `annotate import` restores."""
    from .decisions.csvio import export

    with _user_errors():
        ws = _workspace(corpus, store=store)
        text = export(ws.decisions.events() if ws.decisions is not None else [], fmt.value)
        if output is not None:
            from .reports import write_atomic

            write_atomic(output, text)
    if output is None:
        _write(text)


@annotate_app.command("import")
def annotate_import(
    file: Annotated[Path, typer.Argument(help="A CSV (or JSON Lines) file, as `annotate export` writes.")],
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Check every row of a file of decisions, then record them all, or none if any row is invalid."""
    from .decisions.csvio import import_file
    from .render import decisions_format

    with _user_errors():
        recorded, skipped = import_file(_workspace(corpus, settings, rules=rules, store=store), file)
    _write(decisions_format.imported(recorded, skipped, str(file)))


@annotate_app.command("agreement")
def annotate_agreement(
    tag: TagOption = None,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.text,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Cohen's kappa between each pair of analysts, and each analyst and the rules, per tag."""
    from .decisions.agreement import agreement
    from .render import decisions_format

    with _user_errors():
        ws = _workspace(corpus, settings, rules=rules, store=store)
        pairs = agreement(ws, ws.tag_name(tag))
    _write(decisions_format.agreement_json(pairs) if fmt is HistoryFormat.json
           else decisions_format.agreement_text(pairs))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `cow-compare` console script: usage errors as one line, exit 2."""
    # typer vendors click; its usage-error classes are not re-exported, so name them by module.
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
    from typer.main import get_command

    command = get_command(app)
    try:
        code = command.main(args=argv, prog_name="cow-compare", standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except NoArgsIsHelpError as exc:
        # A bare `cow-compare` (or a group without its command) asks for the help, not an error.
        sys.stdout.write(exc.ctx.get_help() + "\n" if exc.ctx is not None else "")
        code = 0
    except ClickException as exc:
        hint = " (see cow-compare --help)" if exc.exit_code == 2 else ""
        _error(f"{exc.format_message()}{hint}")
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        _error("interrupted")
        code = 130
    except InputError as exc:  # raised outside a command's own handler (a callback)
        _error(str(exc))
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
