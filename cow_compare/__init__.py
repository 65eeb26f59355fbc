"""cow_compare: compare versions of Russia-Ukraine peace plans provision by provision.

The public API, in the order data flows: find or parse documents, then (in later stages) align,
diff, tag and render them.
"""

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
from .model import Document, Provision, Source, Warning_
from .parse import parse_file, parse_text

__all__ = [
    "Corpus",
    "CorpusError",
    "CowCompareError",
    "Document",
    "Edge",
    "FrontMatterError",
    "InputError",
    "ParseError",
    "Provision",
    "Source",
    "SourceFileError",
    "UnknownDocumentError",
    "Warning_",
    "default_corpus_dir",
    "load_corpus",
    "parse_file",
    "parse_text",
]
__version__ = "0.1.0"
