"""Tags provisions for MNF-U, DMZ and territory implications: rules as data, spaCy matchers, polarity.

Importing this package does not import spaCy; `make_tagger` does, so commands that do not tag stay
fast. The stages: `rules` (with `validate`) reads and checks the JSONL rule sets and their
lexicons, `language` tells whether a version is in a language the rules cover, `engine` matches
the rules with a blank spaCy pipeline, `polarity` decides each tag's polarities, `rollup`
summarises sub-items into their point, `shifts` turns tag differences between linked provisions
into change facts, `cache` keeps tagged documents on disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .rules import (
    BASE_SETS,
    DEFAULT_RULESET,
    SHIPPED,
    Lexicon,
    Rule,
    RuleSet,
    load_named,
    load_ruleset,
    load_with_extras,
    parse_ruleset,
)

if TYPE_CHECKING:
    from .engine import Tagger


def make_tagger(extra_rules: Iterable[str | Path] = (), *, rules: RuleSet | None = None) -> Tagger:
    """Return a Tagger for the default rule set plus the extra rule files (or for `rules` as given)."""
    from .engine import Tagger

    return Tagger(rules if rules is not None else load_with_extras(extra_rules))


__all__ = ["BASE_SETS", "DEFAULT_RULESET", "SHIPPED", "Lexicon", "Rule", "RuleSet", "load_named", "load_ruleset",
           "load_with_extras", "make_tagger", "parse_ruleset"]
