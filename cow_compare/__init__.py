"""cow_compare: compare versions of Russia-Ukraine peace plans provision by provision.

The public API. Most callers need only the workspace:

    from cow_compare import Workspace
    ws = Workspace()                          # shipped corpus, settings and rules
    report = ws.compare("us-28", "eu-e3")     # a Report: changes with kinds, facts and tags
    thread = ws.history("us-28:8")            # one provision through every version

Names are imported on first use (PEP 562), so `import cow_compare` and the command line's
`--help` do not pay for the parser, the aligner or the renderers until they run.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# name -> module that defines it, in the order data flows.
_EXPORTS: dict[str, str] = {
    # errors
    "CowCompareError": "errors", "InputError": "errors", "SourceFileError": "errors",
    "FrontMatterError": "errors", "ParseError": "errors", "UnknownDocumentError": "errors",
    "RuleSetError": "errors", "SettingsError": "errors", "CorpusError": "errors", "SetupError": "errors",
    "DecisionError": "errors", "StoreError": "errors", "FetchError": "errors",
    # model
    "Document": "model", "Provision": "model", "Source": "model", "Warning_": "model", "Link": "model",
    "Op": "model", "Fact": "model", "Change": "model", "Report": "model", "Tag": "model",
    "Evidence": "model", "ProvisionTags": "model", "TaggedDocument": "model", "Step": "model",
    "Thread": "model", "Matrix": "model", "Decision": "model", "Standing": "model",
    # settings
    "Settings": "settings", "load_settings": "settings",
    # intake
    "Corpus": "intake.corpus", "Edge": "intake.corpus", "default_corpus_dir": "intake.corpus",
    "load_corpus": "intake.corpus", "parse_file": "intake.parse", "parse_text": "intake.parse",
    "import_source": "intake.importer", "ImportResult": "model", "Extracted": "intake.readers",
    # align, then the whole pipeline
    "align": "alignment", "compare": "pipeline",
    # analysts' decisions (the workspace applies them; the store is for tools that read it directly)
    "DecisionStore": "decisions.store",
    # the application layer
    "Workspace": "workspace",
}

__all__ = [
    "Change",
    "Corpus",
    "CorpusError",
    "CowCompareError",
    "Decision",
    "DecisionError",
    "DecisionStore",
    "Document",
    "Edge",
    "Evidence",
    "Extracted",
    "Fact",
    "FetchError",
    "FrontMatterError",
    "ImportResult",
    "InputError",
    "Link",
    "Matrix",
    "Op",
    "ParseError",
    "Provision",
    "ProvisionTags",
    "Report",
    "RuleSetError",
    "Settings",
    "SettingsError",
    "SetupError",
    "Source",
    "SourceFileError",
    "Standing",
    "Step",
    "StoreError",
    "Tag",
    "TaggedDocument",
    "Thread",
    "UnknownDocumentError",
    "Warning_",
    "Workspace",
    "align",
    "compare",
    "default_corpus_dir",
    "import_source",
    "load_corpus",
    "load_settings",
    "parse_file",
    "parse_text",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cow_compare' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


if TYPE_CHECKING:
    from .alignment import align
    from .decisions.store import DecisionStore
    from .errors import (
        CorpusError,
        CowCompareError,
        DecisionError,
        FetchError,
        FrontMatterError,
        InputError,
        ParseError,
        RuleSetError,
        SettingsError,
        SetupError,
        SourceFileError,
        StoreError,
        UnknownDocumentError,
    )
    from .intake.corpus import Corpus, Edge, default_corpus_dir, load_corpus
    from .intake.importer import import_source
    from .intake.parse import parse_file, parse_text
    from .intake.readers import Extracted
    from .model import (
        Change,
        Decision,
        Document,
        Evidence,
        Fact,
        ImportResult,
        Link,
        Matrix,
        Op,
        Provision,
        ProvisionTags,
        Report,
        Source,
        Standing,
        Step,
        Tag,
        TaggedDocument,
        Thread,
        Warning_,
    )
    from .pipeline import compare
    from .settings import Settings, load_settings
    from .workspace import Workspace
