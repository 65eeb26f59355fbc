"""`cow-compare tag` output, and the tag records `show --tags` and `diff` share: text, JSON, Markdown, CSV.

Evidence is shown by marking the matched words inside the provision's text: «like this» without
colour, bold yellow on a terminal. An analyst's decision follows its tag in brackets ("confirmed
by alice 2025-12-01"); a rejected tag stays in view, struck: [-like this-] without colour (the
diff's mark for struck words), crossed out on a terminal, ~~so~~ in Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import LANGUAGE_NAMES, Evidence, ProvisionTags, Tag, TaggedDocument
from . import csv_format, json_format
from .records import document_record, standing_note, tag_record

TAGS_SCHEMA = "cow-compare/tags/v1"
HIGHLIGHT, RESET, DIM = "\033[1;33m", "\033[0m", "\033[2m"
STRIKE = "\033[9m"


def name(t: Tag, *, colour: bool = False) -> str:
    """Return "MNF-U prohibits", struck when an analyst's rejection is in force on it."""
    shown = f"{t.tag} {t.polarity}"
    if not t.rejected:
        return shown
    return f"{STRIKE}{shown}{RESET}" if colour else f"[-{shown}-]"


def note(t: Tag) -> str:
    """Return the decision on a tag in words ("confirmed by alice 2025-12-01"); "" when there is none."""
    return standing_note(t.decision) if t.decision is not None else ""


def short(tags: Sequence[Tag], *, colour: bool = False) -> str:
    """Return "MNF-U prohibits (confirmed by alice 2025-12-01), territory recognizes (via 21.a)"."""
    out = []
    for t in tags:
        said = [f"via {', '.join(t.via)}"] if t.via else []
        said += [note(t)] if t.decision is not None else []
        out.append(name(t, colour=colour) + (f" ({'; '.join(said)})" if said else ""))
    return ", ".join(out)


def only(tagged: TaggedDocument, tag: str | None) -> list[ProvisionTags]:
    """Return the provisions carrying `tag` with only those tags; every provision when `tag` is None.

    A provision carries a tag when one of its tags of that category counts (`Tag.counts`): one whose
    only such tag an analyst rejected is left out; its struck tags show beside counting ones.
    """
    if tag is None:
        return list(tagged.provisions)
    out = []
    for p in tagged.provisions:
        kept = tuple(t for t in p.tags if t.tag == tag)
        if any(t.counts for t in kept):
            out.append(ProvisionTags(p.provision, kept))
    return out


def counts(provisions: Sequence[ProvisionTags], categories: Sequence[str] = ()) -> dict[str, dict[str, int]]:
    """Return tag -> polarity -> how many provisions carry it in their own words, tags in category order.

    Only tags that count: an analyst's rejection takes a tag out, an addition puts one in.
    """
    out: dict[str, dict[str, int]] = {}
    for p in provisions:
        for t in p.in_force:
            out.setdefault(t.tag, {}).setdefault(t.polarity, 0)
            out[t.tag][t.polarity] += 1
    rank = {name: k for k, name in enumerate(categories)}
    return {tag: dict(sorted(out[tag].items())) for tag in sorted(out, key=lambda t: (rank.get(t, len(rank)), t))}


def payload(tagged: TaggedDocument, tag: str | None = None, *,
            settings: dict[str, str] | None = None) -> dict[str, Any]:
    """Return the `cow-compare/tags/v1` contract as Python data; `settings` is {name, digest}."""
    provisions = only(tagged, tag)
    return {
        "schema": TAGS_SCHEMA,
        "document": document_record(tagged.document),
        "ruleset": tagged.ruleset,
        "language": tagged.language,
        "covered": tagged.covered,
        **({"settings": settings} if settings else {}),
        "filter": {"tag": tag},
        "summary": counts(provisions, tagged.categories),
        "provisions": [
            {"id": p.provision.id, "label": p.provision.label, "parent": p.provision.parent,
             "depth": p.provision.depth, "status": p.provision.status, "text": p.provision.text,
             "tags": [tag_record(t) for t in p.tags]}
            for p in provisions
        ],
    }


def json(tagged: TaggedDocument, tag: str | None = None, *, settings: dict[str, str] | None = None) -> str:
    """Return `tag --format json`; `settings` ({name, digest}) records the settings in force."""
    return json_format.dumps(payload(tagged, tag, settings=settings))


def highlight(text: str, evidence: Sequence[Evidence], *, colour: bool) -> str:
    """Return the text with the evidence spans marked; overlapping spans are merged."""
    spans: list[list[int]] = []
    for e in sorted(evidence, key=lambda e: (e.start, e.end)):
        if spans and e.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e.end)
        else:
            spans.append([e.start, e.end])
    out, at = [], 0
    opening, closing = (HIGHLIGHT, RESET) if colour else ("«", "»")
    for start, end in spans:
        out += [text[at:start], opening, text[start:end], closing]
        at = end
    out.append(text[at:])
    return "".join(out)


def not_covered(tagged: TaggedDocument) -> str:
    """The sentence that says a version was not tagged because of its language; "" when it was tagged."""
    if tagged.covered:
        return ""
    name = LANGUAGE_NAMES.get(tagged.language, tagged.language)
    return (f"{tagged.document.id} is in {name} ({tagged.language}), which {tagged.ruleset} does not cover: "
            "its provisions were not tagged, so no tags here does not mean no implications")


def _heading(tagged: TaggedDocument, provisions: Sequence[ProvisionTags], tag: str | None) -> list[str]:
    doc = tagged.document
    found = counts(provisions, tagged.categories)
    tagged_count = sum(1 for p in provisions if p.in_force)
    # A provision with two polarities of one tag counts once for that tag; a rejected tag not at all.
    carrying = {name: sum(1 for p in provisions if any(t.tag == name for t in p.in_force)) for name in found}
    per_tag = " · ".join(f"{name} {n}" for name, n in carrying.items())
    scope = f" carrying {tag}" if tag else ""
    line = f"{tagged.ruleset} · {tagged_count} of {len(doc.provisions)} provisions tagged{scope}"
    return [f"{doc.id}  {doc.title}", line + (f" · {per_tag}" if per_tag else ""), ""]


def text(tagged: TaggedDocument, tag: str | None = None, *, explain: bool = False, colour: bool = False) -> str:
    """Return `tag`: each provision that carries tags, with its tags (and with --explain, the evidence)."""
    provisions = [p for p in only(tagged, tag) if p.tags]
    lines = _heading(tagged, provisions, tag)
    if not tagged.covered:
        lines.append(not_covered(tagged))
    elif not provisions:
        lines.append("(no provision carries a tag)")
    width = max((len(p.provision.label) for p in provisions), default=1)
    pad = " " * (width + 3)
    texts = {p.label: p.text for p in tagged.document.provisions}
    for p in provisions:
        lines.append(f"{p.provision.label:<{width}}   {p.provision.text}")
        if not explain:
            lines.append(f"{pad}{short(p.tags, colour=colour)}")
            continue
        for t in p.tags:
            via = f" via {', '.join(t.via)}" if t.via else ""
            said = [f"{t.rule}, confidence {t.confidence:.2f}"] if t.source == "rule" or t.via else []
            said += [note(t)] if t.decision is not None else []
            detail = f"({'; '.join(said)})"
            lines.append(f"{pad}{name(t, colour=colour)}{via}  {DIM + detail + RESET if colour else detail}")
            if not t.via:
                shown = highlight(p.provision.text, t.evidence, colour=colour) if t.evidence else "(no evidence words given)"
                lines.append(f"{pad}    {shown}")
                continue
            for label in t.via:
                spans = [e for e in t.evidence if e.label == label]
                lines.append(f"{pad}    {label}: {highlight(texts[label], spans, colour=colour)}")
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(tagged: TaggedDocument, tag: str | None = None) -> str:
    """Return a Markdown table: one row per tag, with its evidence and rule."""
    doc = tagged.document
    provisions = [p for p in only(tagged, tag) if p.tags]
    lines = [f"# Tags: {doc.title}", "", f"`{doc.id}` · rule set `{tagged.ruleset}`", "",
             *([f"> {not_covered(tagged)}", ""] if not tagged.covered else []),
             "| provision | tag | polarity | evidence | rule | confidence |", "| --- | --- | --- | --- | --- | --- |"]
    for p in provisions:
        for t in p.tags:
            where = f"{p.provision.label} (via {', '.join(t.via)})" if t.via else p.provision.label
            evidence = "; ".join(f"{e.label + ': ' if e.label else ''}{e.text}" for e in t.evidence)
            polarity = f"~~{t.polarity}~~" if t.rejected else t.polarity
            if t.decision is not None:
                polarity += f" ({note(t)})"
            rule = f"`{t.rule}`" if t.rule else ""
            lines.append(f"| {_cell(where)} | {t.tag} | {_cell(polarity)} | {_cell(evidence)} | {rule} | {t.confidence:.2f} |")
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("doc", "label", "tag", "polarity", "via", "confidence", "rule", "evidence", "text", "source", "state",
               "decided_by", "decided_at", "inherited_from")


def csv(tagged: TaggedDocument, tag: str | None = None) -> str:
    """Return one row per tag; the last columns say who decided on it (empty where no one did)."""
    rows = []
    for p in only(tagged, tag):
        for t in p.tags:
            d = t.decision
            rows.append({"doc": tagged.document.id, "label": p.provision.label, "tag": t.tag, "polarity": t.polarity,
                         "via": list(t.via), "confidence": t.confidence, "rule": t.rule,
                         "evidence": [f"{e.label + ': ' if e.label else ''}{e.text}" for e in t.evidence],
                         "text": p.provision.text, "source": t.source, "state": d.state if d else "",
                         "decided_by": d.event.analyst if d else "", "decided_at": d.event.at if d else "",
                         "inherited_from": d.event.provision if d and d.carried else ""})
    return csv_format.table(rows, CSV_COLUMNS)
