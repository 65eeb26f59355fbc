"""The spaCy side of tagging: a blank English pipeline with lookup lemmas, and the rule matchers.

This is the only module that imports spaCy; only commands that tag import it. No trained model is
used or downloaded: `spacy.blank("en")` tokenises, a small component sets lemmas from the
`spacy-lookups-data` table (trying the word as written, then in lower case, so a capitalised
first word still gets its lemma), and a Matcher (token patterns) and a PhraseMatcher (phrases, on
lower case) find the rules. `polarity.decide` turns the matches into tags.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..errors import RuleSetError, SetupError
from ..model import Document, ProvisionTags, Tag, TaggedDocument
from . import chunks, layer, regexes
from .language import covered, detect
from .polarity import CLAUSE_ENDS, Match, clauses, decide, negated_tokens
from .rollup import summarise
from .rules import Rule, RuleSet, layer_path

log = logging.getLogger(__name__)

LEMMAS = "cow_compare_lookup_lemmas"
BATCH_SIZE = 256
HYPHENS = frozenset({"-", "‐", "‑"})


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    try:
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    except (ImportError, ValueError, KeyError) as exc:
        raise SetupError(f"spaCy's English lemma table is missing ({exc}); install it with "
                         "`pip install 'spacy-lookups-data>=1.0.5,<1.1'`") from None


def forms(word: str) -> set[str]:
    """Return a word in lower case with its regular inflections whose lookup lemma is the word.

    'withdraw' gives withdraws, withdrawing (and withdrawn, withdrew only if listed: irregular
    forms are written out in the lexicon); 'base' does not give 'bases', which the table reads as
    'basis'.
    """
    w = word.lower()
    stem = w[:-1] if w.endswith("e") else w
    candidates = {w + "s", w + "es", w + "ed", w + "d", w + "ing", stem + "ing", stem + "ed"}
    if w.endswith("y") and len(w) > 2:
        candidates |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        candidates |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    table = _lemma_table()
    return {w} | {c for c in candidates if table.get(c, None) == w}


class LookupLemmas:
    """Pipeline component: each token's lemma from the lookup table, as written or in lower case."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for token in doc:
            text = token.text
            lower = text.lower()
            token.lemma_ = table.get(text, None) or table.get(lower, None) or lower
        return doc


@Language.factory(LEMMAS)
def _make_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(_lemma_table())


def blank_pipeline() -> Language:
    """Return `spacy.blank("en")` with lookup lemmas: no model, no network."""
    nlp = spacy.blank("en")
    nlp.add_pipe(LEMMAS)
    return nlp


@dataclass(frozen=True)
class _Guarded:
    """A rule's own matcher, and the words a text must hold before it is worth running."""

    matcher: Matcher
    lowers: tuple[frozenset[str], ...]
    """For each position the pattern cannot skip: the lower-case words one of which must occur."""
    lemmas: tuple[frozenset[str], ...]
    regexes: tuple[re.Pattern[str], ...] = ()
    """For each position the pattern cannot skip that tests its lower-case form by a regex: the regex."""
    first: tuple[str, frozenset[str]] | None = None
    """The pattern's first position when it cannot be skipped and names its words: (LOWER or LEMMA,
    the words). A match starts at one of them, so the matcher need not read the tokens before."""
    last: tuple[str, frozenset[str]] | None = None
    """The same of the last position: a match ends at one of its words."""

    def window(self, at: Positions, length: int) -> tuple[int, int]:
        """The tokens [start, end) every match lies within: from the first word that can begin one
        to the last that can end one. The Matcher reads every token of what it is given, for every
        rule it tries, which was most of tagging; most rules' words sit in a few tokens of a text."""
        start, end = 0, length
        if self.first is not None:  # a text holds a few dozen words, a rule's position up to hundreds
            attr, words = self.first
            start = min((k[0] for w, k in at[attr].items() if w in words), default=length)
        if self.last is not None:
            attr, words = self.last
            end = max((k[-1] + 1 for w, k in at[attr].items() if w in words), default=0)
        return start, end

    def matches(self, doc: Doc, at: Positions, alignments: bool = False) -> list[Any]:
        """The rule's matches in the text, read in its window, at the text's token offsets."""
        first, stop = self.window(at, len(doc))
        if first >= stop:
            return []
        found: list[Any] = list(self.matcher(doc[first:stop] if first or stop < len(doc) else doc,
                                             with_alignments=alignments))
        if first:  # a span's matches count from its own start
            return [(m[0], m[1] + first, m[2] + first, *m[3:]) for m in found]
        return found


class _Guards:
    """Guarded rules with an index from a word to the rules that need it, so a text is checked only
    against the rules one of whose needed words it holds: most rules need a word most texts lack, and
    testing each rule's needs on every text cost more than the matching (a tenth of tagging)."""

    def __init__(self, guarded: list[_Guarded]) -> None:
        self.guarded = guarded
        self.by_lower: dict[str, list[int]] = {}
        self.by_lemma: dict[str, list[int]] = {}
        self.always: list[int] = []
        for k, g in enumerate(guarded):
            # the smallest set a position needs is likely the rarest: index the rule under its words
            index, needs = (self.by_lower, g.lowers) if g.lowers else (self.by_lemma, g.lemmas)
            if not needs:
                self.always.append(k)
                continue
            for word in min(needs, key=len):
                index.setdefault(word, []).append(k)

    def candidates(self, words: tuple[set[str], set[str]]) -> list[_Guarded]:
        """The rules a text with these words (lower case, lemmas) holds one needed word of, in order."""
        lowers, lemmas = words
        picked = set(self.always)
        for word in lowers:
            picked.update(self.by_lower.get(word, ()))
        for word in lemmas:
            picked.update(self.by_lemma.get(word, ()))
        return [self.guarded[k] for k in sorted(picked)]


Positions = dict[str, dict[str, list[int]]]
"""'LOWER' and 'LEMMA' -> each word of a text in that form -> the tokens that hold it, in order."""


def _positions(doc: Doc) -> Positions:
    lowers: dict[str, list[int]] = {}
    lemmas: dict[str, list[int]] = {}
    for k, token in enumerate(doc):
        lowers.setdefault(token.lower_, []).append(k)
        lemmas.setdefault(token.lemma_, []).append(k)
    return {"LOWER": lowers, "LEMMA": lemmas}


def _end_words(token: dict[str, Any]) -> tuple[str, frozenset[str]] | None:
    """A pattern position's (LOWER or LEMMA, words) when it cannot be skipped and names its words
    (ORTH as its lower-case forms, which hold at least the same tokens); else None."""
    op = str(token.get("OP", ""))
    if not (op in ("", "+") or op.startswith("{1")):
        return None
    for attr, fold in (("LOWER", str), ("ORTH", str.lower), ("LEMMA", str)):
        spec = token.get(attr)
        if isinstance(spec, str):
            return ("LEMMA" if attr == "LEMMA" else "LOWER", frozenset([fold(spec)]))
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return ("LEMMA" if attr == "LEMMA" else "LOWER", frozenset(fold(str(w)) for w in spec["IN"]))
    return None


def _guarded(matcher: Matcher, pattern: list[dict[str, Any]]) -> _Guarded:
    return _Guarded(matcher, *_needs(pattern), _regexes(pattern), _end_words(pattern[0]), _end_words(pattern[-1]))


def _needs(pattern: list[dict[str, Any]]) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
    """Return the word sets of the positions a text must fill for the pattern to match (LOWER, LEMMA)."""
    lowers: list[frozenset[str]] = []
    lemmas: list[frozenset[str]] = []
    for token in pattern:
        op = str(token.get("OP", ""))
        if op in ("?", "*", "!") or op.startswith("{0,") or op.startswith("{,"):
            continue
        for attr, out in (("LOWER", lowers), ("ORTH", lowers), ("LEMMA", lemmas)):
            spec = token.get(attr)
            fold = str.lower if attr == "ORTH" else str  # a word as written is one of its lower-case forms
            if isinstance(spec, str):
                out.append(frozenset([fold(spec)]))
            elif isinstance(spec, dict) and set(spec) == {"IN"}:
                out.append(frozenset(fold(str(w)) for w in spec["IN"]))
    return tuple(lowers), tuple(lemmas)


def _regexes(pattern: list[dict[str, Any]]) -> tuple[re.Pattern[str], ...]:
    """The LOWER regexes of the positions a pattern cannot skip ('50:50'): a text without a word
    that fits one is not worth running the pattern on."""
    out = []
    for token in pattern:
        op = str(token.get("OP", ""))
        spec = token.get("LOWER")
        if (op in ("", "+") or op.startswith("{1")) and isinstance(spec, dict) and set(spec) == {"REGEX"}:
            out.append(re.compile(str(spec["REGEX"])))
    return tuple(out)


def _worth(g: _Guarded, words: tuple[set[str], set[str]]) -> bool:
    """Whether a text's words (lower case, lemmas) fill every position a guarded pattern cannot skip."""
    lowers, lemmas = words
    if any(lowers.isdisjoint(need) for need in g.lowers) or any(lemmas.isdisjoint(need) for need in g.lemmas):
        return False
    return all(any(rx.search(w) for w in lowers) for rx in g.regexes)


def _is_gap(token: dict[str, Any]) -> bool:
    """A pattern position that lets a window stretch ({0,6} or * of any word), or that only tests the
    words around the cue (`CONTEXT`: 'not after' in 'agree to a full ceasefire'), is no evidence itself."""
    op = str(token.get("OP", ""))
    return op == "*" or op.startswith("{0,") or op.startswith("{,") or token.get("CONTEXT") is True


def _runs(indexes: Iterable[int]) -> list[tuple[int, int]]:
    """Return runs of consecutive token indexes as (first, last) pairs."""
    out: list[tuple[int, int]] = []
    for k in indexes:
        if out and k == out[-1][1] + 1:
            out[-1] = (out[-1][0], k)
        else:
            out.append((k, k))
    return out


class Tagger:
    """Tags provisions with one rule set. Build once and reuse: building compiles every pattern.

    Matching runs in two steps, which gives the same matches as one pass but skips most patterns:
    a cue only counts in a clause about its tag, so topic patterns (and every phrase) are matched
    first, then a category's cue patterns only where that category's topic was found, and the words
    a negation reaches past or stops at only where a negation was found. Each negation has a matcher
    of its own too, tried only when the text holds its words: most of them ('under no
    circumstances', 'off the table') are rare, and one matcher over all of them costs every text.
    """

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.nlp = blank_pipeline()
        vocab = self.nlp.vocab
        self._phrases = PhraseMatcher(vocab, attr="LOWER")
        self._lemma_words = PhraseMatcher(vocab, attr="LEMMA")
        self._topics: list[_Guarded] = []
        self._negations: list[_Guarded] = []
        self._scope = Matcher(vocab, validate=True)
        self._clauses: list[_Guarded] = []
        self._cues: dict[str, list[_Guarded]] = {tag: [] for tag in rules.categories}
        self._by_key: dict[int, Rule] = {}
        self._gaps: dict[int, frozenset[int]] = {}
        """Rule key -> the positions of its pattern that are a window's gap, not evidence."""
        problems = []
        for rule in rules.rules:
            key = vocab.strings.add(rule.qualified_id)
            self._by_key[key] = rule
            try:
                if rule.phrases:
                    self._phrases.add(rule.qualified_id, [self.nlp.make_doc(p) for p in rule.phrases])
                    continue
                assert isinstance(rule.pattern, list)
                written = [token for token in rule.pattern if isinstance(token, dict)]
                pattern = [self._expand(token) for token in written]
                if rule.role == "cue" and self._add_word_list(rule.qualified_id, pattern):
                    continue
                self._gaps[key] = frozenset(k for k, token in enumerate(written) if _is_gap(token))
                if rule.role in ("cue", "clause"):
                    own = Matcher(vocab, validate=True)
                    own.add(rule.qualified_id, [pattern], greedy="LONGEST" if rule.role == "clause" else None)
                    guarded = _guarded(own, pattern)
                    if rule.role == "clause":
                        self._clauses.append(guarded)
                    else:
                        (self._topics if rule.topic else self._cues[rule.tag]).append(guarded)
                    continue
                if rule.role == "negation":
                    own = Matcher(vocab, validate=True)
                    own.add(rule.qualified_id, [pattern], greedy="LONGEST")
                    self._negations.append(_guarded(own, pattern))
                    continue
                self._scope.add(rule.qualified_id, [pattern], greedy="LONGEST")
            except (ValueError, KeyError) as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                problems.append(f"{rule.origin} ({rule.id}): spaCy rejects the pattern: {first}")
        if problems:
            raise RuleSetError(f"{len(problems)} pattern problem{'s' if len(problems) > 1 else ''}: "
                               f"{'; '.join(problems)}; fix the rule file and run again")
        self._topic_guards = _Guards(self._topics)
        self._cue_guards = {tag: _Guards(found) for tag, found in self._cues.items()}
        self._clause_guards = _Guards(self._clauses)
        self._layer: layer.Layer | None = None
        self._layer_order: dict[str, tuple[str, ...]] = {}
        self._lexicon_of: dict[str, tuple[str, ...]] = {}
        if rules.layer:
            owner = rules.parts[0] if rules.parts else rules.name
            self._layer = layer.load_layer(layer_path(rules.layer), owner, voted_only=rules.layer_adds == "voted")
            modelled = {t for t, _p in self._layer.polarity} | set(self._layer.add)
            self._layer_order = {t: ps for t, ps in rules.categories.items() if t in modelled}
            words: dict[str, list[str]] = {}
            for name in rules.lexicons:
                if name != "stop":
                    for form in self._forms([name]):
                        words.setdefault(form, []).append(name)
            self._lexicon_of = {w: tuple(sorted(n)) for w, n in words.items()}

    def _add_word_list(self, name: str, pattern: list[dict[str, Any]]) -> bool:
        """Match a one-word cue (LOWER or LEMMA in a list) with a phrase matcher; False if it is not one.

        The result is the same as the Matcher's, at a fraction of the cost: the Matcher tries every
        pattern at every token, the phrase matchers look each word up once.
        """
        if len(pattern) != 1 or len(pattern[0]) != 1:
            return False
        (attr, spec), = pattern[0].items()
        words = [spec] if isinstance(spec, str) else spec.get("IN") if isinstance(spec, dict) and set(spec) == {"IN"} else None
        if attr not in ("LOWER", "LEMMA") or not words:
            return False
        if attr == "LOWER":
            self._phrases.add(name, [self.nlp.make_doc(str(w)) for w in words])
            return True
        docs = []
        for word in words:
            doc = self.nlp.make_doc(str(word))
            if len(doc) != 1:
                return False
            doc[0].lemma_ = str(word)  # the pattern's word is the lemma itself, as the Matcher compares it
            docs.append(doc)
        self._lemma_words.add(name, docs)
        return True

    def _forms(self, names: Iterable[str]) -> list[str]:
        """The lexicons' words in lower case with the regular inflections the lemma table confirms."""
        return sorted({form for name in names for word in self.rules.lexicons[name].words for form in forms(word)})

    def _expand(self, token: dict[str, Any]) -> dict[str, Any]:
        """Return a token pattern with `LEX` (a lexicon name, or IN / NOT_IN names) as a LOWER test.

        Words are compared by form, not by lemma: the lookup lemmas fold 'willing' into 'will' and
        'bases' into 'basis', so a lexicon that lists 'willing' must not match 'will'.
        """
        token = regexes.bounded_token({k: v for k, v in token.items() if k != "CONTEXT"})
        if "LEX" not in token:
            return token
        spec = token["LEX"]
        out = {k: v for k, v in token.items() if k != "LEX"}
        if isinstance(spec, str):
            spec = {"IN": [spec]}
        op, names = next(iter(spec.items()))
        words = self._forms(names)
        if op == "NOT_IN" and isinstance(out.get("LOWER"), dict) and "NOT_IN" in out["LOWER"]:
            words = sorted({*words, *out["LOWER"]["NOT_IN"]})
        elif op == "IN" and isinstance(out.get("LOWER"), dict) and "NOT_IN" in out["LOWER"]:
            # a lexicon less some of its words: land words but not 'border' ('pull back from the border' is no land)
            words = [w for w in words if w not in set(out["LOWER"]["NOT_IN"])]
        out["LOWER"] = {op: words}
        return out

    def _aligned(self, guards: _Guards, doc: Doc, words: tuple[set[str], set[str]], at: Positions
                 ) -> list[tuple[int, int, int, tuple[int, ...]]]:
        """Matches with the tokens that count as evidence: all but those a window's gap took.

        Each windowed rule has a matcher of its own, tried only when the text holds a word for every
        position the rule cannot skip: the Matcher's cost grows with the patterns it tries at every
        token, and most rules fail on the words alone.
        """
        lowers, lemmas = words
        out = []
        for g in guards.candidates(words):
            # _worth, written out: this loop runs for every candidate rule on every text
            if any(lowers.isdisjoint(need) for need in g.lowers) or any(lemmas.isdisjoint(need) for need in g.lemmas):
                continue
            if any(not any(rx.search(w) for w in lowers) for rx in g.regexes):
                continue
            found = g.matches(doc, at, alignments=True)
            for key, start, end, alignment in found:
                if any(s2 >= start and e2 <= end and (s2, e2) != (start, end) for _k, s2, e2, _a in found):
                    continue  # the tightest window is the evidence: 'NATO troops', not 'NATO agrees that NATO troops'
                gaps = self._gaps.get(key)
                kept = tuple(k for k, at in enumerate(alignment) if at not in gaps) if gaps else ()
                out.append((key, start, end, kept))
        return out

    def _tags(self, doc: Doc) -> tuple[Tag, ...]:
        found: list[tuple[int, int, int, tuple[int, ...]]] = [
            (key, start, end, ()) for key, start, end in (*self._phrases(doc), *self._lemma_words(doc))]
        at = _positions(doc)
        words = (set(at["LOWER"]), set(at["LEMMA"]))
        found += self._aligned(self._topic_guards, doc, words, at)
        about = sorted({self._by_key[key].tag for key, *_ in found if self._by_key[key].topic})
        if not about:
            return ()
        # 'no' before a hyphen is part of a word ('no-fly zone', 'no-go zone'), not a negation
        negations = [(key, start, end) for g in self._negations if _worth(g, words) for key, start, end in g.matches(doc, at)
                     if end >= len(doc) or doc[end].text not in HYPHENS]
        if negations:
            found += [(key, start, end, ()) for key, start, end in (*negations, *self._scope(doc))]
        for tag in about:
            found += self._aligned(self._cue_guards[tag], doc, words, at)
        ends = {start for _key, start, _end, _kept in self._aligned(self._clause_guards, doc, words, at)}
        matches = []
        for key, start, end, kept in sorted(set(found)):
            span = doc[start:end]
            pieces = tuple((doc[a].idx, doc[b].idx + len(doc[b]), doc[a:b + 1].text)
                           for a, b in _runs(start + k for k in kept))
            matches.append(Match(self._by_key[key], start, end, span.start_char, span.end_char, span.text, pieces))
        texts = [t.text for t in doc]
        topic_clauses = clauses(texts, (), self.rules.clause_ends)
        fine = ends or set(self.rules.clause_ends) != CLAUSE_ENDS
        parts = clauses(texts, ends, CLAUSE_ENDS | set(self.rules.clause_ends)) if fine else None
        tags = decide(matches, topic_clauses, self.rules, parts)
        return tags if self._layer is None else self._revised(tags, matches, topic_clauses, parts, doc)

    def _revised(self, tags: tuple[Tag, ...], matches: list[Match], clause_of: list[int], parts: list[int] | None,
                 doc: Doc) -> tuple[Tag, ...]:
        """The rule set's learned layer over the rules' tags (implications.v6): polarities revised, tags
        the rules missed added, each with its words; categories the layer has no model for pass through."""
        assert self._layer is not None
        reached = negated_tokens(matches, parts if parts is not None else clause_of)
        found = {t.tag for t in tags}
        order = self._layer_order
        text_words = layer.words_of(doc, self._lexicon_of)
        present = {c: layer.features(c, tags, matches, clause_of, reached, doc, text_words)
                   for c in order if c in found}
        absent = {c: layer.features(c, tags, matches, clause_of, reached, doc, text_words, words=True)
                  for c in order if c not in found and c in self._layer.add}
        # which polarities a refining rule decided: read from the matches, since a tag names only its
        # first rule ('not agreed' defers) while 'whether ... is still open' may have narrowed it too
        given = {(t.tag, t.polarity) for t in tags}
        narrowed: dict[tuple[str, str], tuple[str, ...]] = {}
        for m in matches:
            key = (m.rule.tag, m.rule.polarity)
            if m.rule.refines and m.rule.polarity is not None and key in given:
                narrowed[key] = tuple(dict.fromkeys((*narrowed.get(key, ()), *m.rule.refines)))
        return self._layer.revise(tags, order, present, absent, narrowed) + tuple(t for t in tags if t.tag not in order)

    def tag_text(self, text: str) -> tuple[Tag, ...]:
        """Return the tags of one text (a provision's own words)."""
        return next(chunks.tag_texts(self.nlp, self._tags, self.rules, [text], batch_size=1))

    def tag_texts(self, texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Tag, ...]]:
        """Yield the tags of each text, in order, tokenising in batches with `nlp.pipe`."""
        yield from chunks.tag_texts(self.nlp, self._tags, self.rules, texts, batch_size=batch_size)

    def tag_document(self, document: Document) -> TaggedDocument:
        """Return every provision of a version with its tags; struck slots get none.

        A version in a language the rule set does not cover gets no tags and says so (`covered`).
        """
        live = [p for p in document.provisions if p.status != "deleted"]
        language = detect(p.text for p in live)
        if not covered(language, self.rules.languages):
            log.debug("not tagged %s: written in %s", document.id, language)
            return TaggedDocument(document, self.rules.name, tuple(ProvisionTags(p, ()) for p in document.provisions),
                                  tuple(self.rules.categories), language, False)
        own = dict(zip((p.label for p in live), self.tag_texts(p.text for p in live), strict=True))
        log.debug("tagged %s: %d provisions", document.id, len(live))
        return TaggedDocument(document, self.rules.name, summarise(document.provisions, own, self.rules),
                              tuple(self.rules.categories), language, True)
