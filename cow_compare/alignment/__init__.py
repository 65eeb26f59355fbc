"""Alignment: which provisions of an old version became which of a new one.

`align(old, new, settings=...)` returns links covering every provision of both versions. Scoring
lives in `similarity`, the best one-to-one pairing in `assignment`, the passes in `aligner`.
"""

from .aligner import align

__all__ = ["align"]
