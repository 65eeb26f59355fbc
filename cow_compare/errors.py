"""One exception tree; every message says what was wrong and how to fix it.

    CowCompareError
    ├── InputError          a file or value the user gave is unusable
    │   ├── SourceFileError     missing, a directory, binary, not UTF-8, empty, a corrupt or encrypted PDF or DOCX
    │   ├── FetchError          a web address that cannot be fetched (timeout, 404, redirect loop, not a text)
    │   ├── FrontMatterError    the +++ TOML block is malformed or incomplete
    │   ├── ParseError          no provisions, duplicate labels
    │   ├── LimitError          larger than a [limits] setting allows (file, provision, nesting, count)
    │   ├── UnknownDocumentError  an id or prefix matches nothing, or several documents
    │   ├── RuleSetError        a tagging rule file is malformed (every problem listed at once)
    │   ├── SettingsError       a settings file has an unknown key or a bad value
    │   ├── DecisionError       an analyst's decision names a tag, polarity, words or event that is not there
    │   └── StoreError          the decisions store is not one, is newer than the tool, or cannot be written
    ├── CorpusError         the corpus folder is inconsistent (clashing ids, bad lineage), missing or not writable
    └── SetupError          a dependency the tool needs is missing from this installation

The command line prints `str(error)` on one line and exits with status 2.
"""

from __future__ import annotations


class CowCompareError(Exception):
    """Base of every error the tool raises on purpose."""


class InputError(CowCompareError):
    """A file or value the user gave cannot be used."""


class SourceFileError(InputError):
    """A source file is missing, a directory, binary, not UTF-8 or empty."""


class FetchError(InputError):
    """A web address given to `import` could not be fetched as a page, a text, a PDF or a DOCX."""


class FrontMatterError(InputError):
    """The TOML front matter between `+++` lines is malformed or incomplete."""


class ParseError(InputError):
    """The text has no recognisable provisions, or its labels clash."""


class LimitError(InputError):
    """An input goes beyond one of the [limits] settings; the message names the limit and how to raise it."""


def over_limit(where: str, what: str, key: str, limit: int) -> LimitError:
    """Return the one-line error for an input beyond `[limits] key`: what was found and how to raise the limit.

    `where` names the file (and line); `what` says what went over, e.g. "a provision of 120,000 characters".
    """
    return LimitError(f"{where}: {what}, more than the limit of {limit:,} ([limits] {key}); if the input is "
                      f"meant to be that large, raise the limit with --settings FILE, a TOML file holding "
                      f"[limits] {key} = N")


class UnknownDocumentError(InputError):
    """A document id or prefix matches no document, or more than one."""


class CorpusError(CowCompareError):
    """The corpus folder is inconsistent: clashing ids, or lineage naming unknown ids."""


class RuleSetError(InputError):
    """A tagging rule file is malformed; the message lists every problem with its line number."""


class SettingsError(InputError):
    """A settings file or value is malformed: the message names the key and what it must be."""


class DecisionError(InputError):
    """A decision names an unknown tag or polarity, evidence not in the text, or an event that is not there."""


class StoreError(InputError):
    """The decisions store is another kind of file, was made by a newer version, or is read-only."""


class SetupError(CowCompareError):
    """A dependency the tool needs (such as spaCy's lemma tables) is missing from the installation."""
