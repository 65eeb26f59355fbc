"""Changes: the word-level operations of each link, its facts, and its kind.

`words` diffs two texts word by word (diff-match-patch), `facts` finds what changed in substance,
`kinds` decides the change kind from the facts as a table of named rules.
"""

from .facts import find_facts
from .kinds import classify
from .words import rebuild, tokens, word_ops

__all__ = ["classify", "find_facts", "rebuild", "tokens", "word_ops"]
