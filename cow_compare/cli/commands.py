"""The commands on documents (list, show, tag, diff, history, report, import, review) and the entry point."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import __version__
from ..errors import InputError
from .options import (
    CHANGE_KINDS,
    AnalystOption,
    ColourOption,
    CorpusOption,
    DataFormat,
    DocArgument,
    HistoryFormat,
    ImportCorpusOption,
    ImportFormat,
    ListFormat,
    MinScoreOption,
    RulesOption,
    SettingsOption,
    ShowFormat,
    StoreOption,
    TagOption,
    TagsOption,
)
from .shell import error, fail, use_colour, user_errors, workspace_for, write, write_text

if TYPE_CHECKING:
    from ..workspace import Workspace

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
    with user_errors():
        docs = workspace_for(corpus, settings).documents()
    from ..render import csv_format, json_format, text_format

    renderers: dict[ListFormat, Callable[..., str]] = {
        ListFormat.text: text_format.listing, ListFormat.json: json_format.listing, ListFormat.csv: csv_format.listing}
    (write_text if fmt is ListFormat.text else write)(renderers[fmt](docs))


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
        fail("`show --format markdown` writes the corpus format, which holds no tags; use --format text or json")
    if rules and not tags:
        fail("--rules only matters with --tags; add --tags or drop --rules")
    with user_errors():
        ws = workspace_for(corpus, settings, rules=rules, store=store)
        document = ws.resolve(doc)
        tagged = ws.tag(document) if tags else None
    if fmt is ShowFormat.text:
        from ..render import text_format

        write_text(text_format.document(document, tags=tagged))
    elif fmt is ShowFormat.json:
        from ..render import json_format

        write(json_format.document(document, tagged))
    else:
        from ..intake import writer

        write(writer.document(document))


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
    with user_errors():
        ws = workspace_for(corpus, settings, rules=rules, store=store)
        document = ws.resolve(doc)
        name = ws.tag_name(tag)
        tagged = ws.tag(document)
    from ..render import tags_format

    if fmt is DataFormat.text:
        on = use_colour(colour)
        write_text(tags_format.text(tagged, name, explain=explain, colour=on), colour=on)
    elif fmt is DataFormat.json:
        write(tags_format.json(tagged, name, settings={"name": ws.settings.name, "digest": ws.settings.digest}))
    elif fmt is DataFormat.markdown:
        write(tags_format.markdown(tagged, name))
    else:
        write(tags_format.csv(tagged, name))


def _kinds(only: str | None) -> set[str] | None:
    if only is None:
        return None
    kinds = {k.strip() for k in only.split(",") if k.strip()}
    unknown = sorted(kinds - set(CHANGE_KINDS))
    if unknown or not kinds:
        fail(f"--only {only!r} names unknown kind {', '.join(unknown) or '(none)'}; use {','.join(CHANGE_KINDS)}")
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
        fail(f"{'--tag' if tag else '--rules'} needs tags; drop --no-tags")
    with user_errors():
        ws = workspace_for(corpus, settings, rules=rules, min_score=min_score, tags=tags, store=store)
        name = ws.tag_name(tag) if tags else None
        report = ws.compare(old, new)
    changes = [
        c for c in report.changes
        if ((kinds is None and (context or c.kind != "identical")) or (kinds is not None and c.kind in kinds))
        and (name is None or any(t.tag == name for p in (*c.tags_from, *c.tags_to) for t in p.in_force))
    ]
    from ..render import diff_format

    if fmt is DataFormat.text:
        on = use_colour(colour)
        write_text(diff_format.text(report, changes, colour=on), colour=on)
    elif fmt is DataFormat.json:
        write(diff_format.json(report, changes))
    elif fmt is DataFormat.markdown:
        write(diff_format.markdown(report, changes))
    else:
        write(diff_format.csv(report, changes))
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
    with user_errors():
        thread = workspace_for(corpus, settings, min_score=min_score, tags=False, store=store).history(provision)
    from ..render import history_format

    if fmt is HistoryFormat.json:
        write(history_format.json(thread))
    else:
        on = use_colour(colour)
        write_text(history_format.text(thread, colour=on), colour=on)


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
        fail("give two versions (cow-compare report us-28 eu-e3) or --all, not both or neither")
    if old is not None and new is None:
        fail(f"report needs a second version to compare {old!r} with, e.g. cow-compare report {old} ua-20")
    if not output.strip():
        fail("-o '' names no folder; give the folder to write into, such as -o reports")
    folder = Path(output)
    if not tags and rules:
        fail("--rules needs tags; drop --no-tags")
    from ..reports import write_pair

    with user_errors():
        ws = workspace_for(corpus, settings, rules=rules, min_score=min_score, tags=tags, store=store)
        if every:
            written = _write_all_with_progress(ws, folder)
        else:
            assert old is not None and new is not None
            written = [write_pair(ws.compare(old, new), folder)]
    write("".join(f"{path}\n" for path in written))


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
    from ..intake.importer import start_hint

    if corpus is None:
        fail(f"import writes into a corpus folder of your own, and none was given: {start_hint(source)}")
    with user_errors():
        result = workspace_for(corpus, settings).import_source(
            source, id=doc_id, title=title, date=date, parties=_names(parties), derived_from=_names(derived_from),
            force=force)
    from ..render import import_format

    (write if fmt is ImportFormat.json else write_text)(
        import_format.json(result) if fmt is ImportFormat.json else import_format.text(result))


def _write_all_with_progress(ws: Workspace, output: Path) -> list[Path]:
    """write_all with a progress bar on a terminal (the batch is long enough to want one)."""
    from ..reports import planned_pairs, write_all

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
    with user_errors():
        # Starlette and uvicorn are imported here only, so other commands start as fast as before.
        from ..decisions.record import analyst_name
        from ..server.app import ReviewSettings
        from ..server.serve import is_loopback, serve

        if not is_loopback(host):
            sys.stderr.write(f"cow-compare: warning: --host {host} makes the review page reachable from other machines; anyone with "
                   "the address and token can change the decisions store\n")
        ws = workspace_for(corpus, settings, rules=rules, store=store)
        ws.writable_store()
        chosen = tuple(ws.resolve(d).id for d in docs or ())
        serve(ws, ReviewSettings(analyst=analyst_name(analyst), docs=chosen), host=host, port=port,
              open_browser=open_browser, say=lambda line: write(line + "\n"))


@app.command("annotate", add_help_option=False,
             context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def annotate_command(ctx: typer.Context) -> None:
    """Analysts' decisions on tags: confirm, reject, add, retract; list, log, export, import, agreement."""
    from typer.main import get_command

    # The group is built only when it runs: typer builds every command's options at start-up, and
    # these nine would cost `diff`, `list` and `--help` a sixth more time (benchmarks/bench_startup.py).
    from .annotate import annotate_app

    code = get_command(annotate_app).main(args=ctx.args, prog_name=ctx.command_path, standalone_mode=False)
    if isinstance(code, int) and code:
        raise typer.Exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `cow-compare` console script: usage errors as one line, exit 2."""
    # typer vendors click; its usage-error classes are not re-exported, so name them by module.
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
    from typer.main import get_command

    # A terminal or pipe whose encoding cannot hold Cyrillic (LC_ALL=C without UTF-8 mode,
    # PYTHONIOENCODING=latin-1) gets backslash escapes for what it cannot show, as stderr always does.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
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
        error(f"{exc.format_message()}{hint}")
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        error("interrupted")
        code = 130
    except InputError as exc:  # raised outside a command's own handler (a callback)
        error(str(exc))
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
