"""cow_compare: compare versions of Russia-Ukraine peace plans provision by provision.

The public API, in the order data flows: find or parse documents, then (in later stages) align,
diff, tag and render them.
"""

from .align import align
from .corpus import Corpus, Edge, default_corpus_dir, load_corpus
from .errors import (
    CorpusError,
    CowCompareError,
    FrontMatterError,
    InputError,
    ParseError,
    SourceFileError,
    UnknownDocumentError,
)
from .model import Change, Document, Fact, Link, Op, Provision, Report, Source, Warning_
from .parse import parse_file, parse_text
from .pipeline import compare

__all__ = [
    "Change",
    "Corpus",
    "CorpusError",
    "CowCompareError",
    "Document",
    "Edge",
    "Fact",
    "FrontMatterError",
    "InputError",
    "Link",
    "Op",
    "ParseError",
    "Provision",
    "Report",
    "Source",
    "SourceFileError",
    "UnknownDocumentError",
    "Warning_",
    "align",
    "compare",
    "default_corpus_dir",
    "load_corpus",
    "parse_file",
    "parse_text",
]
__version__ = "0.1.0"
