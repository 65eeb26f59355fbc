"""How far two careful people agree on this set: the ceiling a tagger can be held to.

A second helper, who saw only the ids and texts (not the writer's labels, the rules, the tagger or
any other set), labelled every item against the same definitions and conventions
(second-labeller.jsonl). This prints the second labeller's precision, recall and F1 against the
writer's labels, per tag and half, scored as the tagger is (tests.test_tags_heldout5.py).

Usage: python tests/tagsets-heldout5/agreement.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.test_tags_heldout5 import second_labeller_scores  # noqa: E402

if __name__ == "__main__":
    for half in ("dev", "test"):
        print("\n".join(second_labeller_scores(half).lines()))
