"""The command line: each command parses its options, calls the library, renders, and exits.

This is the only module that imports typer or rich. Library errors become one line on stderr and
exit status 2; results follow `diff`: 0 for no changes, 1 for changes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .align import DEFAULT_MIN_SCORE
from .corpus import ENV_VAR, Corpus, load_corpus
from .errors import CowCompareError, InputError
from .history import follow
from .model import CHANGE_KINDS
from .pipeline import compare
from .render import (
    csv_format,
    diff_format,
    history_format,
    json_format,
    markdown_format,
    tags_format,
    text_format,
)
from .reports import default_tagger, planned_pairs, write_all, write_pair
from .tags import RuleSet, load_with_extras
from .tags.cache import CachedTagger

app = typer.Typer(
    name="cow-compare",
    help="Compare versions of Russia-Ukraine peace plans provision by provision.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    """Every format a command may write; each command accepts the ones that make sense for it."""

    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"


CorpusOption = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        envvar=ENV_VAR,
        help=f"Corpus folder to read instead of the shipped proposals/ (also ${ENV_VAR}).",
        show_default=False,
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
RulesOption = Annotated[
    list[str] | None,
    typer.Option("--rules", metavar="FILE",
                 help="A JSONL rule file (or the shipped example 'policy.v1') that adds categories or overrides "
                      "rules of implications.v1 by id; repeat to add several.", show_default=False),
]
TagOption = Annotated[
    str | None,
    typer.Option("--tag", help="Only this tag: MNF-U, DMZ, territory, or a category a --rules file adds.",
                 show_default=False),
]


def _fail(message: str) -> NoReturn:
    typer.echo(f"cow-compare: error: {message}", err=True)
    raise typer.Exit(2)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the library's errors into one line on stderr and exit status 2."""
    try:
        yield
    except CowCompareError as exc:
        _fail(str(exc))


def _only(fmt: OutputFormat, command: str, allowed: tuple[OutputFormat, ...]) -> None:
    if fmt not in allowed:
        names = ", ".join(f.value for f in allowed)
        _fail(f"`{command}` does not write {fmt.value}; use --format with one of {names}")


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _rules(extra: list[str] | None) -> RuleSet:
    """Return implications.v1 with the --rules files merged in; no spaCy yet."""
    return load_with_extras(extra or ())


def _tag_name(tag: str | None, rules: RuleSet) -> str | None:
    """Return the category --tag names (any case), or raise with the valid names."""
    if tag is None:
        return None
    for name in rules.categories:
        if name.lower() == tag.strip().lower():
            return name
    raise InputError(f"--tag {tag!r} is not a tag of {rules.name}; use one of {', '.join(rules.categories)}, "
                     "or add a category with --rules FILE")


def _tagger(rules: RuleSet) -> CachedTagger:
    """A tagger that reads unchanged documents' tags from the cache, starting spaCy only on a miss."""
    return CachedTagger(rules)


@app.command("list")
def list_command(
    fmt: FormatOption = OutputFormat.text,
    corpus: CorpusOption = None,
) -> None:
    """List the versions in the corpus: id, date, status, provision count, parties, title."""
    _only(fmt, "list", (OutputFormat.text, OutputFormat.json, OutputFormat.csv))
    with _user_errors():
        found = load_corpus(corpus)
        docs = [found.documents[i] for i in found.ids]
    renderers = {OutputFormat.text: text_format.listing, OutputFormat.json: json_format.listing,
                 OutputFormat.csv: csv_format.listing}
    _write(renderers[fmt](docs))


@app.command("show")
def show_command(
    doc: Annotated[str, typer.Argument(help="Corpus id, unique id prefix (us-28), or path to a text file.")],
    fmt: FormatOption = OutputFormat.text,
    tags: Annotated[bool, typer.Option("--tags", help="Show each provision's MNF-U, DMZ and territory tags.")] = False,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
) -> None:
    """Show a version's provisions as a tree, with labels, statuses and the parser's warnings."""
    _only(fmt, "show", (OutputFormat.text, OutputFormat.json, OutputFormat.markdown))
    if tags and fmt is OutputFormat.markdown:
        _fail("`show --format markdown` writes the corpus format, which holds no tags; use --format text or json")
    if rules and not tags:
        _fail("--rules only matters with --tags; add --tags or drop --rules")
    with _user_errors():
        document = load_corpus(corpus).resolve(doc)
        tagged = _tagger(_rules(rules)).tag_document(document) if tags else None
    if fmt is OutputFormat.text:
        _write(text_format.document(document, tags=tagged))
    elif fmt is OutputFormat.json:
        _write(json_format.document(document, tagged))
    else:
        _write(markdown_format.document(document))


@app.command("tag")
def tag_command(
    doc: Annotated[str, typer.Argument(help="Corpus id, unique id prefix (us-28), or path to a text file.")],
    explain: Annotated[
        bool, typer.Option("--explain", help="Show the evidence words highlighted in the text, and the rule that fired.")
    ] = False,
    tag: TagOption = None,
    fmt: FormatOption = OutputFormat.text,
    colour: Annotated[
        bool | None, typer.Option("--colour/--no-colour", help="Colour the evidence (default: on a terminal).")
    ] = None,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
) -> None:
    """Tag each provision for MNF-U, DMZ and territory implications, with polarity and evidence."""
    with _user_errors():
        document = load_corpus(corpus).resolve(doc)
        ruleset = _rules(rules)
        name = _tag_name(tag, ruleset)
        tagged = _tagger(ruleset).tag_document(document)
    if fmt is OutputFormat.text:
        use_colour = sys.stdout.isatty() if colour is None else colour
        _write(tags_format.text(tagged, name, explain=explain, colour=use_colour))
    elif fmt is OutputFormat.json:
        _write(tags_format.json(tagged, name))
    elif fmt is OutputFormat.markdown:
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
    fmt: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="Output format (text on a terminal).")
    ] = None,
    only: Annotated[
        str | None, typer.Option("--only", help=f"Show only these kinds, comma-separated: {','.join(CHANGE_KINDS)}.")
    ] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", help="Similarity in [0, 1] a pair needs to be linked.")
    ] = DEFAULT_MIN_SCORE,
    context: Annotated[bool, typer.Option("--context", help="Show identical provisions too.")] = False,
    colour: Annotated[
        bool | None, typer.Option("--colour/--no-colour", help="Colour the redline (default: on a terminal).")
    ] = None,
    tags: Annotated[
        bool, typer.Option("--tags/--no-tags", help="Tag both versions and report tag shifts (--no-tags: faster).")
    ] = True,
    tag: TagOption = None,
    rules: RulesOption = None,
    corpus: CorpusOption = None,
) -> None:
    """Align two versions provision by provision and show what changed. Exit 0: none, 1: changes."""
    kinds = _kinds(only)
    chosen = fmt or OutputFormat.text
    if not tags and (tag or rules):
        _fail(f"{'--tag' if tag else '--rules'} needs tags; drop --no-tags")
    with _user_errors():
        found = load_corpus(corpus)
        a, b = found.resolve(old), found.resolve(new)
        ruleset = _rules(rules) if tags else None
        name = _tag_name(tag, ruleset) if ruleset else None
        report = compare(a, b, min_score=min_score, tagger=_tagger(ruleset) if ruleset else None)
    changes = [
        c for c in report.changes
        if ((kinds is None and (context or c.kind != "identical")) or (kinds is not None and c.kind in kinds))
        and (name is None or any(t.tag == name for p in (*c.tags_from, *c.tags_to) for t in p.own))
    ]
    if chosen is OutputFormat.text:
        use_colour = sys.stdout.isatty() if colour is None else colour
        _write(diff_format.text(report, changes, colour=use_colour))
    elif chosen is OutputFormat.json:
        _write(diff_format.json(report, changes))
    elif chosen is OutputFormat.markdown:
        _write(diff_format.markdown(report, changes))
    else:
        _write(diff_format.csv(report, changes))
    raise typer.Exit(1 if report.changed else 0)


@app.command("history")
def history_command(
    provision: Annotated[str, typer.Argument(help="DOC:LABEL, e.g. us-28:8 (DOC: corpus id or prefix).")],
    fmt: FormatOption = OutputFormat.text,
    min_score: Annotated[
        float, typer.Option("--min-score", help="Similarity in [0, 1] a pair needs to be linked.")
    ] = DEFAULT_MIN_SCORE,
    colour: Annotated[
        bool | None, typer.Option("--colour/--no-colour", help="Colour the redline (default: on a terminal).")
    ] = None,
    corpus: CorpusOption = None,
) -> None:
    """Follow one provision through every version lineage.toml connects to its own."""
    _only(fmt, "history", (OutputFormat.text, OutputFormat.json))
    with _user_errors():
        thread = follow(load_corpus(corpus), provision, min_score=min_score)
    if fmt is OutputFormat.json:
        _write(history_format.json(thread))
    else:
        _write(history_format.text(thread, colour=sys.stdout.isatty() if colour is None else colour))


@app.command("report")
def report_command(
    old: Annotated[str | None, typer.Argument(help="The earlier version (id, prefix or file).")] = None,
    new: Annotated[str | None, typer.Argument(help="The later version (id, prefix or file).")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every lineage edge, the usual cross pairs, "
                                        "an index and the lineage matrix.")] = False,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into.")] = Path("reports"),
    corpus: CorpusOption = None,
) -> None:
    """Write self-contained HTML change reports (one file per pair) into a folder."""
    if every == (old is not None):
        _fail("give two versions (cow-compare report us-28 eu-e3) or --all, not both or neither")
    if old is not None and new is None:
        _fail(f"report needs a second version to compare {old!r} with, e.g. cow-compare report {old} ua-20")
    with _user_errors():
        found = load_corpus(corpus)
        if every:
            written = _write_all_with_progress(found, output)
        else:
            assert old is not None and new is not None
            written = [write_pair(compare(found.resolve(old), found.resolve(new), tagger=default_tagger()), output)]
    _write("".join(f"{path}\n" for path in written))


def _write_all_with_progress(found: Corpus, output: Path) -> list[Path]:
    """write_all with a progress bar on a terminal (the batch is long enough to want one)."""
    total = len(planned_pairs(found)) + 1
    if not sys.stderr.isatty():
        return write_all(found, output)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("writing reports", total=total)

        def step(what: str) -> None:
            bar.update(task, advance=1, description=what)

        return write_all(found, output, step)


def main() -> None:
    """Entry point of the `cow-compare` console script."""
    app()
