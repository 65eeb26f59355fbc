"""Where a corpus's decisions store is, decided without opening anything (start-up counts).

The first that applies:

    --store PATH, or $COW_COMPARE_STORE      any path; `off` turns decisions off for the run
    the shipped proposals/                   $XDG_DATA_HOME/cow-compare/decisions.sqlite
                                             (~/.local/share/...): never inside the installed package
    any other corpus folder DIR              DIR/.cow-compare-decisions.sqlite, so the decisions
                                             travel with the corpus (the corpus reader skips it)
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError

STORE_ENV = "COW_COMPARE_STORE"
STORE_NAME = ".cow-compare-decisions.sqlite"
"""The store's file name inside a corpus folder."""
SHIPPED_STORE = "decisions.sqlite"
"""The store's file name in the user's data folder, for the shipped corpus."""


def default_store(corpus_dir: Path, shipped_dir: Path) -> Path:
    """The store of a corpus folder when none is chosen: beside the corpus, or the user's for the shipped one."""
    try:
        shipped = corpus_dir.resolve() == shipped_dir.resolve()
    except OSError:
        shipped = False
    if not shipped:
        return corpus_dir / STORE_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cow-compare" / SHIPPED_STORE


def chosen_store(chosen: str | Path | None) -> Path | None | bool:
    """--store or $COW_COMPARE_STORE: a path, False for `off`, None when neither is given."""
    if chosen is None:
        chosen = os.environ.get(STORE_ENV) or None
    if chosen is None:
        return None
    if str(chosen).strip().lower() == "off":
        return False
    if not str(chosen).strip():
        raise StoreError(f"the decisions store path is empty; give --store PATH or set ${STORE_ENV} to a file")
    return Path(chosen)
