"""Records analysts' decisions: checks each against the provision's words and tags, then appends events.

`decide` serves `annotate confirm`, `reject` and `add`; `retract` serves `annotate retract`. Every
check runs before anything is written, and a refusal says what was wrong and what to do instead.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import DecisionError
from ..model import Decision, DecisionAction, Document, Evidence, Provision, Tag

if TYPE_CHECKING:
    from .context import Context

ANALYST_ENV = "COW_COMPARE_ANALYST"
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def now() -> str:
    """The time of a new event, UTC: `2025-12-01T10:22:03.123456Z`."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_uid() -> str:
    return uuid.uuid4().hex


def analyst_name(given: str | None) -> str:
    """--analyst, else $COW_COMPARE_ANALYST, else the login name; DecisionError when none can be found."""
    name = given if given is not None else os.environ.get(ANALYST_ENV)
    if name is None:
        try:
            name = getpass.getuser()
        except (OSError, KeyError, ImportError):
            name = ""
    name = " ".join(name.split())
    if not name:
        raise DecisionError(f"no analyst name: give --analyst NAME or set ${ANALYST_ENV}")
    return name


def provision(workspace: Context, ref: str) -> tuple[Document, Provision]:
    """The version and provision `DOC:LABEL` names; InputError naming what is unknown."""
    doc_ref, sep, label = ref.rpartition(":")
    if not sep or not doc_ref or not label:
        raise DecisionError(f"{ref!r} is not DOC:LABEL; give a version and a provision, such as us-28:8 or ua-20:14.b")
    doc = workspace.resolve(doc_ref)
    for p in doc.provisions:
        if p.label == label:
            return doc, p
    labels = [p.label for p in doc.provisions]
    raise DecisionError(f"{doc.id} has no provision {label!r}; its labels run {labels[0]} ... {labels[-1]} "
                        f"(see `cow-compare show {doc.id}`)")


def polarity_name(workspace: Context, tag: str, polarity: str | None) -> str | None:
    """The polarity as the rule set spells it, or None; DecisionError listing the tag's polarities."""
    if polarity is None:
        return None
    valid = workspace.ruleset.polarities(tag)
    for name in valid:
        if name.lower() == polarity.strip().lower():
            return name
    raise DecisionError(f"{polarity!r} is not a polarity of {tag}; use one of {', '.join(valid)}")


def decide(workspace: Context, action: DecisionAction, ref: str, tag: str, polarity: str | None = None, *,
           analyst: str | None = None, why: str = "", evidence: Sequence[str] = ()) -> list[Decision]:
    """Record `confirm`, `reject` or `add` on one provision's tag; return the events written.

    Without a polarity, `confirm` and `reject` answer every polarity of the tag the provision shows.
    """
    doc, p = provision(workspace, ref)
    name = workspace.tag_name(tag)
    assert name is not None
    wanted = polarity_name(workspace, name, polarity)
    who = analyst_name(analyst)
    shown = workspace.tag(doc).tags_of(p.label)
    if action == "add":
        if wanted is None:
            raise DecisionError(f"add needs a polarity: cow-compare annotate add {doc.id}:{p.label} {name} "
                                f"{'|'.join(workspace.ruleset.polarities(name))}")
        answered = [_added(p, shown.own, name, wanted, locate(p, evidence))]
    else:
        if evidence:
            raise DecisionError(f"--evidence goes with `add`; {action} answers the tag with its own evidence")
        answered = _answered(doc, p, shown.tags, name, wanted, action)
    when = now()
    from .. import __version__

    events = [Decision(0, new_uid(), when, who, action, doc.id, p.label, p.fingerprint, t.tag, t.polarity,
                       t.evidence, _rule_of(t), workspace.ruleset.name, " ".join(why.split()), "", __version__)
              for t in answered]
    return workspace.record(events)


def _answered(doc: Document, p: Provision, tags: Sequence[Tag], name: str, polarity: str | None,
              action: str) -> list[Tag]:
    own = [t for t in tags if not t.via]
    found = [t for t in own if t.tag == name and (polarity is None or t.polarity == polarity)]
    if found:
        return found
    what = f"{name} {polarity}" if polarity else name
    via = sorted({label for t in tags if t.via and t.tag == name and (polarity is None or t.polarity == polarity)
                  for label in t.via})
    if via:
        raise DecisionError(f"{doc.id}:{p.label} shows {what} only through its sub-items ({', '.join(via)}); "
                            f"{action} it on {doc.id}:{via[0]}")
    carried = ", ".join(f"{t.tag} {t.polarity}" for t in own) or "no tags"
    raise DecisionError(f"{doc.id}:{p.label} shows no {what} tag to {action} (it shows {carried}); "
                        f"use `cow-compare annotate add {doc.id}:{p.label} {name} POLARITY` to add one")


def _added(p: Provision, own: Sequence[Tag], name: str, polarity: str, evidence: tuple[Evidence, ...]) -> Tag:
    """The tag to add; DecisionError when the rules already make it (it is confirmed, not added)."""
    for t in own:
        if (t.tag, t.polarity) == (name, polarity) and t.source == "rule":
            raise DecisionError(f"{p.id} already has {name} {polarity} from rule {t.rule}; confirm it instead: "
                                f"cow-compare annotate confirm {p.id} {name} {polarity}")
    return Tag(name, polarity, evidence, "", "analyst")


def _rule_of(t: Tag) -> str:
    if t.source == "rule":
        return t.rule
    return t.decision.event.rule if t.decision is not None else t.rule


def locate(p: Provision, phrases: Sequence[str]) -> tuple[Evidence, ...]:
    """Where each phrase is in the provision's text (as written, else in any case); DecisionError naming
    the words that are not there."""
    text, lowered = p.text, p.text.lower()
    words = {w.lower() for w in _WORD.findall(text)}
    spans: list[Evidence] = []
    missing: list[str] = []
    apart: list[str] = []
    for phrase in phrases:
        phrase = " ".join(phrase.split())
        if not phrase:
            continue
        at = text.find(phrase)
        if at < 0:
            at = lowered.find(phrase.lower())
        if at >= 0:
            spans.append(Evidence(at, at + len(phrase), text[at:at + len(phrase)]))
            continue
        absent = [w for w in _WORD.findall(phrase) if w.lower() not in words]
        if absent:
            missing += [w for w in absent if w not in missing]
        else:
            apart.append(phrase)
    if missing:
        raise DecisionError(f"evidence not in {p.id}: {', '.join(repr(w) for w in missing)} "
                            f"{'is not a word' if len(missing) == 1 else 'are not words'} of its text "
                            f"({_clip(text)!r}); give words the provision uses")
    if apart:
        raise DecisionError(f"evidence not in {p.id}: the words of {apart[0]!r} are there but not together; "
                            "give each run of words as its own --evidence")
    return tuple(sorted(set(spans), key=lambda e: (e.start, e.end)))


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 3].rstrip() + "..."


def retract(workspace: Context, ref: str, *, analyst: str | None = None, why: str = "") -> Decision:
    """Record the withdrawal of event `ref` (its number, or its uid); return the retraction."""
    from .. import __version__

    who = analyst_name(analyst)
    store = workspace.writable_store()
    target = store.event(ref)
    if target is None:
        raise DecisionError(f"there is no event {ref!r} in {store.path}; `cow-compare annotate list` and "
                            "`annotate log DOC:LABEL` show event numbers")
    if target.action == "retract":
        raise DecisionError(f"event #{target.event} is itself a retraction (of {target.retracts[:8]}); "
                            "record the decision again instead")
    earlier = store.retraction_of(target.uid)
    if earlier is not None:
        raise DecisionError(f"event #{target.event} was already retracted by #{earlier.event} "
                            f"({earlier.analyst}, {earlier.at[:10]})")
    event = Decision(0, new_uid(), now(), who, "retract", target.doc, target.label, target.fingerprint,
                     target.tag, target.polarity, (), target.rule, target.ruleset, " ".join(why.split()),
                     target.uid, __version__)
    return workspace.record([event])[0]
