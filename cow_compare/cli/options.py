"""What every command's options look like: the formats each accepts and the option bundles they share."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

CORPUS_ENV = "COW_COMPARE_CORPUS"
SETTINGS_ENV = "COW_COMPARE_SETTINGS"
STORE_ENV = "COW_COMPARE_STORE"
ANALYST_ENV = "COW_COMPARE_ANALYST"
DECISION_STATES = ("confirmed", "rejected", "added", "inherited", "needs-review", "stale")
"""model.DECISION_STATES, repeated so that `--help` need not import the model (a test checks they agree)."""
CHANGE_KINDS = ("identical", "renumbered", "reworded", "modified", "moved", "split", "merged", "added", "deleted",
                "not-reported")
"""model.CHANGE_KINDS, repeated here so that `--help` need not import the model (a test checks they agree)."""

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
         "the default rule set by id, or a shipped base set ('implications.v2') to tag with instead; repeat to "
         "add several.")]
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
AnalystOption = Annotated[str | None, typer.Option(
    "--analyst", envvar=ANALYST_ENV, show_default=False, metavar="NAME",
    help=f"Who decides (default: ${ANALYST_ENV}, else your login name).")]
