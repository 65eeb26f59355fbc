"""The data every stage passes on: frozen dataclasses, no behaviour beyond small lookups.

Later stages (alignment, changes, tags) add their own types here; a stage never mutates what an
earlier stage produced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ProvisionStatus = Literal["active", "deleted", "bracketed", "option"]
PROVISION_STATUSES: tuple[str, ...] = ("active", "deleted", "bracketed", "option")

DocumentKind = Literal["peace-plan", "security-guarantee", "statement"]
DOCUMENT_KINDS: tuple[str, ...] = ("peace-plan", "security-guarantee", "statement")

DocumentStatus = Literal["leaked", "published", "oral", "reconstructed", "reported"]
DOCUMENT_STATUSES: tuple[str, ...] = ("leaked", "published", "oral", "reconstructed", "reported")

PARTIAL_COVERAGE: tuple[str, ...] = ("summary", "partial")
"""Coverage values of a version whose text is not known in full."""


@dataclass(frozen=True)
class Source:
    """Where a rendition's facts come from."""

    outlet: str
    """Who published the text or the report."""
    url: str
    """The page that was read."""
    note: str = ""
    """What the source was used for, or how it differs from others."""


@dataclass(frozen=True)
class Provision:
    """One numbered point, sub-item, option, preamble or closing paragraph of a version."""

    doc: str
    """Id of the document it belongs to."""
    label: str
    """Dotted path of the printed numbers (`10`, `10.c`, `14.b.ii`), or `p1`, `preamble`, `closing`."""
    number: str
    """The marker as printed (`10.`, `(c)`, `Point 3`); empty for unnumbered text."""
    text: str
    """The provision's own words, without its marker, sub-items or editorial notes."""
    parent: str | None
    """Label of the enclosing provision, or None at the top level."""
    depth: int
    """0 for a top-level point, 1 for its sub-items, and so on."""
    status: ProvisionStatus
    """active, deleted (a struck slot), bracketed (not agreed) or option (an alternative)."""
    lines: tuple[int, int]
    """First and last source line (1-based, inclusive), so reports can point back to the text."""
    fingerprint: str
    """Hash of the normalised text: equal fingerprints mean the same words."""
    section: str = ""
    """The heading the provision stands under, if any."""
    notes: tuple[str, ...] = ()
    """Editorial insertions found in or after the provision, kept apart from its text."""

    @property
    def id(self) -> str:
        """The provision's global id, `doc:label`."""
        return f"{self.doc}:{self.label}"


@dataclass(frozen=True)
class Warning_:
    """Something the parser noticed and worked around; never fatal."""

    line: int
    """Source line the warning is about (0 when it concerns the whole document)."""
    message: str


@dataclass(frozen=True)
class Document:
    """One version of a plan, parsed into provisions in document order."""

    id: str
    title: str
    date: dt.date | None
    parties: tuple[str, ...]
    kind: DocumentKind
    status: DocumentStatus
    source_path: str
    """Path of the file it was read from, as given."""
    provisions: tuple[Provision, ...]
    derived_from: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    rendition: str = ""
    coverage: str = ""
    missing: str = ""
    date_precision: str = "day"
    numbered: bool = True
    """False when the text had no printed numbers and labels were assigned (`p1`, `p2`, ...)."""
    warnings: tuple[Warning_, ...] = field(default=())

    @property
    def partial(self) -> bool:
        """True when the version is known only from summaries or in part (`coverage`)."""
        return self.coverage in PARTIAL_COVERAGE

    def provision(self, label: str) -> Provision:
        """Return the provision with this label; KeyError if there is none."""
        for p in self.provisions:
            if p.label == label:
                return p
        raise KeyError(label)

    @property
    def top_level(self) -> tuple[Provision, ...]:
        """Provisions at depth 0, in order."""
        return tuple(p for p in self.provisions if p.depth == 0)

    def children(self, label: str) -> tuple[Provision, ...]:
        """Direct sub-items of the provision with this label, in order."""
        return tuple(p for p in self.provisions if p.parent == label)


LinkShape = Literal["1:1", "1:n", "n:1", "1:0", "0:1"]
MatchedBy = Literal["exact", "label", "fuzzy", "move", "split", "merge", "positional", "none"]
MATCHED_BY: tuple[str, ...] = ("exact", "label", "fuzzy", "move", "split", "merge", "positional", "none")

ChangeKind = Literal[
    "identical", "renumbered", "reworded", "modified", "moved", "split", "merged", "added", "deleted",
    "not-reported",
]
CHANGE_KINDS: tuple[str, ...] = (
    "identical", "renumbered", "reworded", "modified", "moved", "split", "merged", "added", "deleted",
    "not-reported",
)
"""`not-reported`: a provision with no counterpart where the other version is known only from
summaries or in part (its `coverage`), so its absence there says nothing."""

Relation = Literal["lineage", "topical"]
"""How two compared versions are related: one descends from the other in lineage.toml, or not."""


@dataclass(frozen=True)
class Link:
    """Which provisions of the old version became which of the new one."""

    from_labels: tuple[str, ...]
    """Labels in the old version (empty for an added provision)."""
    to_labels: tuple[str, ...]
    """Labels in the new version (empty for a deleted provision)."""
    score: float
    """How sure the aligner is, in [0, 1], rounded to 3 places."""
    matched_by: MatchedBy
    """The pass that made the link: exact, label, fuzzy, split, merge or none (added/deleted)."""
    reason: str
    """One line an analyst can read: why these provisions were linked."""
    renumbered: bool = False
    """1:1 links only: the label changed."""
    moved: bool = False
    """1:1 links only: the provision changed its place relative to the others."""

    @property
    def shape(self) -> LinkShape:
        """1:1, 1:n (split), n:1 (merged), 1:0 (deleted) or 0:1 (added)."""
        if not self.to_labels:
            return "1:0"
        if not self.from_labels:
            return "0:1"
        if len(self.to_labels) > 1:
            return "1:n"
        if len(self.from_labels) > 1:
            return "n:1"
        return "1:1"


OpSymbol = Literal["=", "-", "+"]


@dataclass(frozen=True)
class Op:
    """One word-level operation: '=' kept, '-' deleted, '+' inserted."""

    op: OpSymbol
    text: str


FactKind = Literal["clause", "number", "modality", "negation", "party", "place", "qualifier", "action", "status",
                   "rewrite", "tag"]


@dataclass(frozen=True)
class Fact:
    """One substantive difference the classifier found, e.g. a number that changed."""

    kind: FactKind
    """What kind of difference: a number, a modal verb, a negation, a party, a place, a qualifier, an
    action, a clause, a status, a rewrite, or a tag's polarities."""
    before: str
    after: str
    summary: str
    """What an analyst reads: "number: 600,000 -> 800,000"."""


TAG_POLARITIES: dict[str, tuple[str, ...]] = {
    "MNF-U": ("prohibits", "limits", "permits", "requires", "adjacent"),
    "DMZ": ("requires", "monitors", "conditional"),
    "territory": ("recognizes", "cedes", "freezes", "restores", "exchanges", "defers", "non-force",
                  "shared-control", "conditional"),
}
"""The polarity vocabulary of DESIGN.md for the three built-in tags. A rule set may order these
(its order is precedence) and may add categories of its own, never new polarities for these."""
TAG_SOURCES: tuple[str, ...] = ("rule", "analyst", "inherited")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "uk": "Ukrainian", "ru": "Russian", "de": "German", "fr": "French",
                                  "und": "an undetermined language"}
"""The languages the tagger tells apart (ISO 639-1 codes), as reports name them."""


@dataclass(frozen=True)
class Evidence:
    """Words that justify a tag: a character span into a provision's text."""

    start: int
    """Offset of the first character, into the text of the provision named by `label`."""
    end: int
    """Offset one past the last character."""
    text: str
    """The matched words, exactly as in the text."""
    label: str = ""
    """Empty for evidence in the tagged provision itself; a sub-item's label for a summary tag."""


@dataclass(frozen=True)
class Tag:
    """One implication of a provision: a category, its polarity, and the words that decided it."""

    tag: str
    """MNF-U, DMZ, territory, or a category an analyst's rule set adds."""
    polarity: str
    """One of the category's polarities (TAG_POLARITIES for the built-in ones)."""
    evidence: tuple[Evidence, ...]
    """The topic, cue and negation words, in text order."""
    rule: str
    """`ruleset:rule-id` of the rule that decided the polarity, e.g. `implications.v1:mnfu.deploy`."""
    source: str = "rule"
    """rule, analyst or inherited."""
    confidence: float = 1.0
    """Share of the category's cues in the provision that agree with this polarity, rounded to 2 places."""
    via: tuple[str, ...] = ()
    """Empty when the provision's own words carry the tag; else the sub-items whose tags it summarises."""
    decision: Standing | None = None
    """The analyst's decision in force on this tag (confirmed, rejected, added, inherited, needs-review,
    stale), or None where the rule's call stands alone."""

    @property
    def counts(self) -> bool:
        """Whether the tag counts in summaries, `--tag` filters and tag shifts.

        A rejected tag (here or inherited) does not; an added or confirmed one does. A decision
        awaiting review (carried to changed words, or gone stale) is shown but not applied: the
        rule's own call stands, and a tag only an analyst proposed does not count until reviewed.
        """
        d = self.decision
        if d is None or d.state in ("confirmed", "added"):
            return True
        if d.state in ("rejected", "inherited"):
            return d.event.action != "reject"
        return self.source == "rule"

    @property
    def rejected(self) -> bool:
        """True when an analyst's rejection is in force on it (shown struck)."""
        d = self.decision
        return d is not None and d.state in ("rejected", "inherited") and d.event.action == "reject"


@dataclass(frozen=True)
class ProvisionTags:
    """A provision with its tags: its own first, then those summarising its sub-items."""

    provision: Provision
    tags: tuple[Tag, ...]

    @property
    def own(self) -> tuple[Tag, ...]:
        """Tags carried by the provision's own words (not summarised from sub-items)."""
        return tuple(t for t in self.tags if not t.via)

    @property
    def in_force(self) -> tuple[Tag, ...]:
        """Own tags that count (`Tag.counts`): what summaries, filters and shifts see."""
        return tuple(t for t in self.tags if not t.via and t.counts)


@dataclass(frozen=True)
class TaggedDocument:
    """A version with the tags of every provision, in document order."""

    document: Document
    ruleset: str
    """Name of the rule set, with versions: `implications.v1`, or `implications.v1+policy.v1`."""
    provisions: tuple[ProvisionTags, ...]
    categories: tuple[str, ...] = ()
    """The rule set's categories in its order (MNF-U, DMZ, territory, then any an analyst added)."""
    language: str = "en"
    """The language the version is written in (ISO 639-1: en, uk, ru, de, fr; `und` undetermined)."""
    covered: bool = True
    """False when the rule set has no rules for that language: the version was not tagged, and its
    empty tags say nothing about its implications."""

    def tags_of(self, label: str) -> ProvisionTags:
        """Return the tags of the provision with this label; KeyError if there is none."""
        for p in self.provisions:
            if p.provision.label == label:
                return p
        raise KeyError(label)


DecisionAction = Literal["confirm", "reject", "add", "retract"]
DECISION_ACTIONS: tuple[str, ...] = ("confirm", "reject", "add", "retract")

DecisionState = Literal["confirmed", "rejected", "added", "inherited", "needs-review", "stale"]
DECISION_STATES: tuple[str, ...] = ("confirmed", "rejected", "added", "inherited", "needs-review", "stale")
"""confirmed, rejected, added: decided on this very provision, whose words have not changed since.
inherited: decided on an earlier version's counterpart with the same words or a rewording.
needs-review: carried to a modified, split or merged counterpart; shown, not applied.
stale: the provision's words changed under the decision; shown, not applied."""


@dataclass(frozen=True)
class Decision:
    """One event of the append-only decisions store: an analyst's call on one tag of one provision."""

    event: int
    """The event's number in its store (what `annotate retract` takes); 0 before it is stored."""
    uid: str
    """A unique id that survives export and import (32 hex digits)."""
    at: str
    """When, in UTC: `2025-12-01T10:22:03.123456Z` (sorts as it reads)."""
    analyst: str
    action: DecisionAction
    doc: str
    """Id of the version the decision was made on."""
    label: str
    fingerprint: str
    """Provision.fingerprint of the words decided on: if the text changes, the decision goes stale."""
    tag: str
    polarity: str
    evidence: tuple[Evidence, ...] = ()
    """For `add`, the words the analyst pointed to; for `confirm`/`reject`, the rule's evidence then."""
    rule: str = ""
    """The rule that made the tag answered by `confirm`/`reject` (`implications.v1:mnfu.deploy`)."""
    ruleset: str = ""
    """The rule set (with its version) in force when the decision was made."""
    why: str = ""
    retracts: str = ""
    """For `retract`: the uid of the event it withdraws."""
    tool: str = ""
    """The cow-compare version that recorded it."""

    @property
    def provision(self) -> str:
        """`doc:label` of the provision decided on."""
        return f"{self.doc}:{self.label}"


@dataclass(frozen=True)
class Standing:
    """A decision in force on one provision: made there, carried there through the lineage, or gone stale."""

    event: Decision
    doc: str
    """The version the decision stands on (the event's own, or a later one it was carried to)."""
    label: str
    state: DecisionState
    carried_through: str = ""
    """For a carried decision, the change kind that carried it (`identical`, `modified`, `split` ...)."""

    @property
    def provision(self) -> str:
        return f"{self.doc}:{self.label}"

    @property
    def carried(self) -> bool:
        """True when the decision was made on another version's provision."""
        return self.state in ("inherited", "needs-review") and self.doc != self.event.doc


@dataclass(frozen=True)
class TagLanguage:
    """The language one side of a tagged comparison is written in, and whether the rules cover it."""

    doc: str
    language: str
    covered: bool


@dataclass(frozen=True)
class TagShift:
    """How a tag's polarities differ between the two sides of a change (own words only)."""

    tag: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def gained(self) -> tuple[str, ...]:
        return tuple(p for p in self.after if p not in self.before)

    @property
    def lost(self) -> tuple[str, ...]:
        return tuple(p for p in self.before if p not in self.after)


@dataclass(frozen=True)
class Disagreement:
    """A provision two sides answered differently, with each side's answer (its polarities, or "(none)")."""

    provision: str
    first: str
    second: str


@dataclass(frozen=True)
class Agreement:
    """How far two analysts (or an analyst and the rules) agree on one tag."""

    tag: str
    first: str
    second: str
    """An analyst, or `rules`."""
    judged: int
    """Provisions both judged."""
    agreed: int
    kappa: float | None
    """Cohen's kappa, rounded to 3 places; None when undefined (or nothing was judged by both)."""
    disagreements: tuple[Disagreement, ...]


@dataclass(frozen=True)
class Change:
    """One aligned unit between two versions, with its kind, word-level ops and facts."""

    kind: ChangeKind
    link: Link
    ops: tuple[Op, ...]
    facts: tuple[Fact, ...]
    rule: str
    """Name of the classification rule that decided the kind."""
    tags_from: tuple[ProvisionTags, ...] = ()
    """Tags of the old provisions, when the comparison was tagged."""
    tags_to: tuple[ProvisionTags, ...] = ()
    """Tags of the new provisions, when the comparison was tagged."""
    tag_shifts: tuple[TagShift, ...] = ()
    """Tags whose polarities differ between the two sides (each also a `tag` fact)."""


@dataclass(frozen=True)
class Report:
    """Everything a comparison found: the two versions and their changes in document order."""

    old: Document
    new: Document
    changes: tuple[Change, ...]
    min_score: float
    ruleset: str = ""
    """The rule set that tagged both versions; empty when the comparison was not tagged."""
    settings: str = ""
    """Name of the settings in force (`settings.v1`, or with a user file `settings.v1+mine.toml`)."""
    settings_digest: str = ""
    """Digest of the settings' values, so the result can be reproduced."""
    relation: Relation = "lineage"
    """`lineage` when lineage.toml connects the two versions, else `topical` (matched by subject only)."""
    tag_languages: tuple[TagLanguage, ...] = ()
    """The languages of the old and the new version when the comparison was tagged, in that order."""

    @property
    def summary(self) -> dict[str, int]:
        """Counts of changes by kind, for every kind (zeros included), in CHANGE_KINDS order."""
        counts = dict.fromkeys(CHANGE_KINDS, 0)
        for change in self.changes:
            counts[change.kind] += 1
        return counts

    @property
    def changed(self) -> bool:
        """True when anything but identical provisions was found."""
        return any(c.kind != "identical" for c in self.changes)

    def covered(self, side: Literal["old", "new"]) -> tuple[int, int]:
        """(provisions of that side with a counterpart on the other, all its provisions)."""
        doc = self.old if side == "old" else self.new
        linked = {label for c in self.changes if c.link.from_labels and c.link.to_labels
                  for label in (c.link.from_labels if side == "old" else c.link.to_labels)}
        return len(linked), len(doc.provisions)


@dataclass(frozen=True)
class Step:
    """A provision in one version of its thread, and how it got there from the version before."""

    doc: Document
    labels: tuple[str, ...]
    """Where the provision is in this version (empty: not there)."""
    kind: str
    """`start`, a change kind (`identical`, `modified`, `split+modified` ...), or `not-reported`."""
    compared_with: str | None
    """The version (id:labels) this step was compared with; None for the start."""
    change: Change | None
    decisions: tuple[Standing, ...] = ()
    """Analysts' decisions in force on the provision(s) of this step (when a decisions store exists)."""

    @property
    def text(self) -> str:
        by_label = {p.label: p.text for p in self.doc.provisions}
        return " ".join(by_label[label] for label in self.labels)


@dataclass(frozen=True)
class LogEntry:
    """One event in a provision's log of decisions, with what became of it."""

    event: Decision
    retracted_by: Decision | None
    stale: bool
    """The event was made on words the provision no longer has."""


@dataclass(frozen=True)
class LogStep:
    """One version of a provision's thread with the decision events recorded on it there."""

    step: Step
    entries: tuple[LogEntry, ...]
    later: bool = True
    """The version comes after the starting one in the thread (False: before it, or the start)."""


@dataclass(frozen=True)
class Thread:
    """One provision followed through every version lineage.toml connects to its own."""

    start: Step
    earlier: tuple[Step, ...]
    """Versions the starting one was made from, nearest first."""
    later: tuple[Step, ...]
    """Versions made from it, in the order they were reached (breadth first)."""

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step in date order, then id: the thread as a reader goes through it."""
        return tuple(sorted((*self.earlier, self.start, *self.later),
                            key=lambda s: (str(s.doc.date or "9999"), s.doc.id)))


@dataclass(frozen=True)
class Cell:
    """One version's part of a thread in the lineage matrix."""

    labels: tuple[str, ...]
    kind: str
    step: Step


@dataclass(frozen=True)
class Row:
    """One thread of the lineage matrix."""

    start: str
    """doc:label where the thread starts."""
    cells: dict[str, Cell]
    """Version id -> its cell; versions the thread does not reach have none."""


@dataclass(frozen=True)
class Matrix:
    """Every provision thread (rows) across the versions lineage.toml connects (columns, by date)."""

    versions: tuple[Document, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class NumberingReport:
    """What an import found, in the order an analyst checks it."""

    points: int
    """Top-level provisions (numbered points, or p1, p2, ... for an unnumbered text)."""
    first: str
    """The first top-level label ('' when there are none)."""
    last: str
    """The last top-level label."""
    sub_items: int
    """Provisions below the top level."""
    numbered: bool
    """False when the text had no printed numbers and the parser labelled its paragraphs p1, p2, ..."""
    gaps: tuple[str, ...]
    """Top-level numbers missing from the sequence, each with its neighbours: `4 (between 3 and 5)`."""
    glued: tuple[int, ...]
    """Lines on which several points were glued together and split apart."""
    struck: tuple[str, ...]
    """Labels of struck slots (`[deleted]`)."""
    lead: tuple[str, ...]
    """Unnumbered text before the first point (kept as `preamble`), shortened."""
    trailing: tuple[str, ...]
    """Unnumbered text after the last point (kept as `closing`), shortened."""
    editorial: tuple[tuple[str, str], ...]
    """(label, note) for editors' notes and commentary kept apart from the provision text."""
    warnings: tuple[tuple[int, str], ...]
    """(line, message) for everything the parser noticed."""
    reader: str
    """The reader that read the source: text, html, docx or pdf."""
    encoding: str
    reader_notes: tuple[str, ...]
    """What the reader noticed: the encoding it detected, tracked changes, comments, headers dropped."""


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, the document as the corpus will read it, and its numbering report."""

    document: Document
    path: Path
    """The corpus document written, `<corpus>/<id>.md`."""
    original: Path
    """The original bytes kept beside it, `<corpus>/<id>.orig.<ext>`."""
    report: NumberingReport
    sha256: str
    """SHA-256 of the original bytes, as written in the front matter."""
