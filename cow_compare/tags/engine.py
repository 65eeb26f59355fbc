"""The spaCy side of tagging: a blank English pipeline with lookup lemmas, and the rule matchers.

This is the only module that imports spaCy; only commands that tag import it. No trained model is
used or downloaded: `spacy.blank("en")` tokenises, a small component sets lemmas from the
`spacy-lookups-data` table (trying the word as written, then in lower case, so a capitalised
first word still gets its lemma), and a Matcher (token patterns) and a PhraseMatcher (phrases, on
lower case) find the rules. `polarity.decide` turns the matches into tags.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..errors import RuleSetError, SetupError
from ..model import Document, Tag, TaggedDocument
from .polarity import CLAUSE_ENDS, Match, clauses, decide
from .rollup import summarise
from .rules import Rule, RuleSet

log = logging.getLogger(__name__)

LEMMAS = "cow_compare_lookup_lemmas"
BATCH_SIZE = 256


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


class Tagger:
    """Tags provisions with one rule set. Build once and reuse: building compiles every pattern.

    Matching runs in two steps, which gives the same matches as one pass but skips most patterns:
    a cue only counts in a clause about its tag, so topic patterns (and every phrase) are matched
    first, then a category's cue patterns only where that category's topic was found, and the words
    a negation reaches past or stops at only where a negation was found.
    """

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.nlp = blank_pipeline()
        vocab = self.nlp.vocab
        self._phrases = PhraseMatcher(vocab, attr="LOWER")
        self._topics = Matcher(vocab, validate=True)
        self._negations = Matcher(vocab, validate=True)
        self._scope = Matcher(vocab, validate=True)
        self._clauses = Matcher(vocab, validate=True)
        self._cues = {tag: Matcher(vocab, validate=True) for tag in rules.categories}
        self._by_key: dict[int, Rule] = {}
        problems = []
        for rule in rules.rules:
            key = vocab.strings.add(rule.qualified_id)
            self._by_key[key] = rule
            try:
                if rule.phrases:
                    self._phrases.add(rule.qualified_id, [self.nlp.make_doc(p) for p in rule.phrases])
                    continue
                if rule.role == "negation":
                    matcher = self._negations
                elif rule.role == "clause":
                    matcher = self._clauses
                elif rule.role != "cue":
                    matcher = self._scope
                elif rule.topic:
                    matcher = self._topics
                else:
                    matcher = self._cues[rule.tag]
                assert isinstance(rule.pattern, list)
                pattern = [self._expand(token) for token in rule.pattern if isinstance(token, dict)]
                matcher.add(rule.qualified_id, [pattern], greedy="LONGEST")
            except (ValueError, KeyError) as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                problems.append(f"{rule.origin} ({rule.id}): spaCy rejects the pattern: {first}")
        if problems:
            raise RuleSetError(f"{len(problems)} pattern problem{'s' if len(problems) > 1 else ''}: "
                               f"{'; '.join(problems)}; fix the rule file and run again")

    def _forms(self, names: Iterable[str]) -> list[str]:
        """The lexicons' words in lower case with the regular inflections the lemma table confirms."""
        return sorted({form for name in names for word in self.rules.lexicons[name].words for form in forms(word)})

    def _expand(self, token: dict[str, Any]) -> dict[str, Any]:
        """Return a token pattern with `LEX` (a lexicon name, or IN / NOT_IN names) as a LOWER test.

        Words are compared by form, not by lemma: the lookup lemmas fold 'willing' into 'will' and
        'bases' into 'basis', so a lexicon that lists 'willing' must not match 'will'.
        """
        if "LEX" not in token:
            return token
        spec = token["LEX"]
        out = {k: v for k, v in token.items() if k != "LEX"}
        if isinstance(spec, str):
            out["LOWER"] = {"IN": self._forms([spec])}
            return out
        op, names = next(iter(spec.items()))
        words = self._forms(names)
        if op == "NOT_IN" and isinstance(out.get("LOWER"), dict) and "NOT_IN" in out["LOWER"]:
            words = sorted({*words, *out["LOWER"]["NOT_IN"]})
        out["LOWER"] = {op: words}
        return out

    def _tags(self, doc: Doc) -> tuple[Tag, ...]:
        found = [*self._phrases(doc), *self._topics(doc)]
        about = sorted({self._by_key[key].tag for key, _, _ in found if self._by_key[key].topic})
        if not about:
            return ()
        negations = self._negations(doc)
        if negations:
            found += negations
            found += self._scope(doc)
        for tag in about:
            found += self._cues[tag](doc)
        ends = {start for _key, start, _end in self._clauses(doc)} if len(self._clauses) else set()
        matches = []
        for key, start, end in sorted(set(found)):
            span = doc[start:end]
            matches.append(Match(self._by_key[key], start, end, span.start_char, span.end_char, span.text))
        words = [t.text for t in doc]
        topic_clauses = clauses(words, (), self.rules.clause_ends)
        fine = ends or set(self.rules.clause_ends) != CLAUSE_ENDS
        parts = clauses(words, ends, CLAUSE_ENDS | set(self.rules.clause_ends)) if fine else None
        return decide(matches, topic_clauses, self.rules, parts)

    def tag_text(self, text: str) -> tuple[Tag, ...]:
        """Return the tags of one text (a provision's own words)."""
        return self._tags(self.nlp(text))

    def tag_texts(self, texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Tag, ...]]:
        """Yield the tags of each text, in order, tokenising in batches with `nlp.pipe`."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self._tags(doc)

    def tag_document(self, document: Document) -> TaggedDocument:
        """Return every provision of a version with its tags; struck slots get none."""
        live = [p for p in document.provisions if p.status != "deleted"]
        own = dict(zip((p.label for p in live), self.tag_texts(p.text for p in live), strict=True))
        log.debug("tagged %s: %d provisions", document.id, len(live))
        return TaggedDocument(document, self.rules.name, summarise(document.provisions, own, self.rules),
                              tuple(self.rules.categories))
