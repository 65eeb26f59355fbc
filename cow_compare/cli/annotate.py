"""`cow-compare annotate`: analysts' decisions on tags, built only when the command runs."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .options import (
    DECISION_STATES,
    AnalystOption,
    CorpusOption,
    HistoryFormat,
    RulesOption,
    SettingsOption,
    StoreOption,
    TagOption,
)
from .shell import fail, user_errors, workspace_for, write

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


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


class ListDecisionsFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


ProvisionArgument = Annotated[str, typer.Argument(help="DOC:LABEL, e.g. us-28:8 (DOC: corpus id or prefix).")]
TagArgument = Annotated[str, typer.Argument(help="MNF-U, DMZ, territory, or a category a --rules file adds.")]
WhyOption = Annotated[str, typer.Option("--why", metavar="TEXT", help="Why: kept with the decision.")]


def _decide(action: str, provision: str, tag: str, polarity: str | None, *, analyst: str | None, why: str,
            evidence: list[str] | None, rules: list[str] | None, corpus: Path | None, settings: Path | None,
            store: str | None) -> None:
    from ..decisions.record import decide
    from ..render import decisions_format

    with user_errors():
        ws = workspace_for(corpus, settings, rules=rules, store=store)
        events = decide(ws, action, provision, tag, polarity,  # type: ignore[arg-type]
                        analyst=analyst, why=why, evidence=evidence or ())
    write(decisions_format.recorded(events))


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
    from ..decisions.record import retract
    from ..render import decisions_format

    with user_errors():
        done = retract(workspace_for(corpus, store=store), event, analyst=analyst, why=why)
    write(decisions_format.recorded([done]))


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
    from ..decisions.queries import listing
    from ..render import decisions_format

    with user_errors():
        ws = workspace_for(corpus, settings, rules=rules, store=store)
        standings = listing(ws, doc, analyst=analyst, states=state or (), tag=ws.tag_name(tag))
        where = str(ws.store_path) if ws.store_path is not None else "off"
    if fmt is ListDecisionsFormat.json:
        write(decisions_format.listing_json(standings, where))
    elif fmt is ListDecisionsFormat.csv:
        write(decisions_format.listing_csv(standings))
    else:
        write(decisions_format.listing_text(standings, where))


@annotate_app.command("log")
def annotate_log(
    provision: ProvisionArgument,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.text,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Every decision event on one provision and on its counterparts in every version, retractions too."""
    from ..decisions.queries import log
    from ..render import decisions_format

    with user_errors():
        start, steps = log(workspace_for(corpus, settings, tags=False, store=store), provision)
    write(decisions_format.log_json(start, steps) if fmt is HistoryFormat.json
           else decisions_format.log_text(start, steps))


@annotate_app.command("export")
def annotate_export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.csv,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", show_default=False, help="Write to this file (default: standard output).")] = None,
    corpus: CorpusOption = None,
    store: StoreOption = None,
) -> None:
    """Write every event of the store, in order, as CSV or JSON Lines: a backup `annotate import` restores."""
    from ..decisions.csvio import export

    if output is not None and not output.strip():
        fail("-o '' names no file; give the file to write the backup to, such as -o decisions.csv")
    with user_errors():
        ws = workspace_for(corpus, store=store)
        text = export(ws.decisions.events() if ws.decisions is not None else [], fmt.value)
        if output is not None:
            from ..reports import write_atomic

            write_atomic(Path(output), text)
    if output is None:
        write(text)


@annotate_app.command("import")
def annotate_import(
    file: Annotated[Path, typer.Argument(help="A CSV (or JSON Lines) file, as `annotate export` writes.")],
    rules: RulesOption = None,
    corpus: CorpusOption = None,
    settings: SettingsOption = None,
    store: StoreOption = None,
) -> None:
    """Check every row of a file of decisions, then record them all, or none if any row is invalid."""
    from ..decisions.csvio import import_file
    from ..render import decisions_format

    with user_errors():
        recorded, skipped = import_file(workspace_for(corpus, settings, rules=rules, store=store), file)
    write(decisions_format.imported(recorded, skipped, str(file)))


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
    from ..decisions.agreement import agreement
    from ..render import decisions_format

    with user_errors():
        ws = workspace_for(corpus, settings, rules=rules, store=store)
        pairs = agreement(ws, ws.tag_name(tag))
    write(decisions_format.agreement_json(pairs) if fmt is HistoryFormat.json
           else decisions_format.agreement_text(pairs))
