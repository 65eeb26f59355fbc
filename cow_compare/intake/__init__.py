"""Intake: texts in, Documents out.

`sourcefile` reads a file as text, `frontmatter` reads the +++ TOML block, `markers` recognises
what opens a line, `parse` builds the outline of provisions, `corpus` finds documents in a corpus
folder with their lineage, and `writer` writes a Document back in the corpus format.
"""

from .corpus import ENV_VAR, Corpus, Edge, default_corpus_dir, load_corpus
from .parse import parse_file, parse_text

__all__ = ["ENV_VAR", "Corpus", "Edge", "default_corpus_dir", "load_corpus", "parse_file", "parse_text"]
