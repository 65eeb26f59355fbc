"""Fuzzy: links the best one-to-one pairing of what is left by shared words and topics: a reworded point.

Each candidate pair (score at least `min_score`) weighs its score plus `prior_weight` times its
structural prior, so structure decides only between near-equal texts; the pairing with the
greatest total weight wins (`assignment.best_assignment`), not the greedy one.
"""

from __future__ import annotations

from ...settings import AlignSettings
from ..assignment import best_assignment
from ..ledger import Ledger
from ..scoring import Scoring


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    scores = candidates(ledger, scoring, settings)
    for i, j in best_assignment(weights(scores, scoring, settings), exact_limit=settings.exact_limit):
        score = scores[(i, j)]
        ledger.link([i], [j], score, "fuzzy", f"{score:.0%} alike; shares {scoring.evidence([i], [j])}")


def candidates(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> dict[tuple[int, int], float]:
    """Unlinked pairs scoring at least `min_score`, with their scores."""
    olds = ledger.old.open(range(len(ledger.old.provisions)))
    news = ledger.new.open(range(len(ledger.new.provisions)))
    return scoring.pairs_at_least(olds, news, settings.min_score, reach=settings.candidate_reach)


def weights(scores: dict[tuple[int, int], float], scoring: Scoring,
            settings: AlignSettings) -> dict[tuple[int, int], float]:
    """Each candidate pair's weight in the pairing: its score, then its structure for near-ties."""
    return {pair: score + settings.prior_weight * scoring.prior(*pair) for pair, score in scores.items()}
