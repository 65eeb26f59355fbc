"""Returns the settings in force: every threshold and word list, as a frozen object with a digest.

The shipped values live in `data/settings.toml`, each with a comment saying what it does. A user
file (`--settings FILE` or $COW_COMPARE_SETTINGS) overrides any of its keys; an unknown key, a
value of the wrong type or one out of range is refused in one line naming the key. The digest is
a hash of the values in force, recorded in the JSON outputs beside the rule set's name, so that a
result can be reproduced; two files with the same values have the same digest.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from .errors import SettingsError

SETTINGS_ENV = "COW_COMPARE_SETTINGS"


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds of the aligner (see the comments in data/settings.toml)."""

    min_score: float
    label_similar: float
    prior_weight: float
    part_floor: float
    parent_share: float
    child_floor: float
    strong: float
    gap_share: float
    positional_share: float
    markup_share: float
    group_reach: int
    group_rounds: int
    gap_cells: int
    gap_cells_per_provision: int
    exact_limit: int
    candidate_reach: int


@dataclass(frozen=True)
class ChangeSettings:
    """What makes a difference between two linked texts a fact, and a change modified."""

    rewrite_below: float
    clause_words: int
    word_diff_tokens: int
    strong_modals: tuple[str, ...]
    weak_modals: tuple[str, ...]
    negations: tuple[str, ...]
    qualifiers: tuple[str, ...]
    places: tuple[tuple[str, tuple[str, ...]], ...]
    """(place, spellings) in the file's order."""
    actions: tuple[tuple[str, tuple[str, ...]], ...]
    """(action, words) in the file's order."""
    parties: tuple[tuple[str, tuple[str, ...]], ...]
    """(party, aliases) in the file's order."""


@dataclass(frozen=True)
class ParseSettings:
    """Word lists and limits of the parser."""

    max_point_number: int
    struck_words: tuple[str, ...]
    editorial_openings: tuple[str, ...]
    point_words: tuple[str, ...]
    removal_words: tuple[str, ...]
    article_words: tuple[str, ...]
    chapter_words: tuple[str, ...]
    doubtful_characters: int
    ordinal_words: tuple[tuple[str, tuple[str, ...]], ...]
    """(number, words) in the file's order."""
    cardinal_words: tuple[tuple[str, tuple[str, ...]], ...]
    """(number, words) in the file's order."""


@dataclass(frozen=True)
class IntakeSettings:
    """Limits of `import` for web addresses, and what the readers of outside formats drop."""

    url_timeout: float
    url_max_bytes: int
    url_max_redirects: int
    running_line_share: float
    short_line_share: float
    encodings: tuple[str, ...]
    boilerplate_openings: tuple[str, ...]


@dataclass(frozen=True)
class LimitSettings:
    """The largest input the tool takes on: beyond a limit it refuses in one line naming the limit."""

    max_file_bytes: int
    max_provision_characters: int
    max_depth: int
    max_provisions: int
    max_unpacked_bytes: int
    max_rule_repeat: int


@dataclass(frozen=True)
class ResolveSettings:
    """How document references are resolved."""

    did_you_mean_cutoff: int


@dataclass(frozen=True)
class Settings:
    """All settings in force, with the name of the file(s) they came from and a digest of the values."""

    name: str
    align: AlignSettings
    changes: ChangeSettings
    parse: ParseSettings
    resolve: ResolveSettings
    intake: IntakeSettings
    limits: LimitSettings

    @property
    def digest(self) -> str:
        """The first 16 hex digits of SHA-256 over the values (not the name)."""
        return _digest(self)

    def with_min_score(self, min_score: float | None) -> Settings:
        """These settings with the aligner's min_score replaced (the `--min-score` option)."""
        if min_score is None or min_score == self.align.min_score:
            return self
        _check_range("align", "min_score", min_score, "--min-score")
        return replace(self, name=f"{self.name}+min_score={min_score:g}",
                       align=replace(self.align, min_score=float(min_score)))


_SECTIONS: dict[str, type] = {"align": AlignSettings, "changes": ChangeSettings, "parse": ParseSettings,
                              "resolve": ResolveSettings, "intake": IntakeSettings, "limits": LimitSettings}
_SHARES = {("align", k) for k in ("min_score", "label_similar", "prior_weight", "part_floor", "parent_share",
                                 "child_floor", "strong", "gap_share", "positional_share",
                                 "markup_share")}
_SHARES |= {("changes", "rewrite_below"), ("intake", "running_line_share"), ("intake", "short_line_share")}
_POSITIVE = {("align", "group_reach"), ("align", "group_rounds"), ("align", "gap_cells"), ("align", "exact_limit"),
             ("align", "candidate_reach"), ("align", "gap_cells_per_provision"),
             ("changes", "clause_words"), ("changes", "word_diff_tokens"), ("parse", "max_point_number"), ("parse", "doubtful_characters"),
             ("intake", "url_max_bytes"), ("limits", "max_file_bytes"), ("limits", "max_provision_characters"),
             ("limits", "max_depth"), ("limits", "max_provisions"), ("limits", "max_rule_repeat")}
# Numbers that may be fractions but must be above zero (a timeout of 0 s would never fetch anything).
_ABOVE_ZERO = {("intake", "url_timeout")}


@cache
def _digest(settings: Settings) -> str:
    values = {name: _plain(getattr(settings, name)) for name in _SECTIONS}
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _plain(section: Any) -> dict[str, Any]:
    return {f.name: getattr(section, f.name) for f in fields(section)}


def _check_range(section: str, key: str, value: float, shown: str) -> None:
    if (section, key) in _SHARES and not 0.0 <= value <= 1.0:
        raise SettingsError(f"{shown} {value} is outside [0, 1]; give a number such as 0.5")
    if (section, key) in _POSITIVE and value < 1:
        raise SettingsError(f"{shown} {value} must be a whole number of at least 1")
    if (section, key) in _ABOVE_ZERO and value <= 0:
        raise SettingsError(f"{shown} {value} must be a number above 0, such as 20")
    if (section, key) == ("intake", "url_max_redirects") and value < 0:
        raise SettingsError(f"{shown} {value} must be a whole number of at least 0")


def _shipped_table() -> dict[str, Any]:
    # A plain path, not importlib.resources: the package always lies on disk, and start-up counts.
    text = (Path(__file__).resolve().parent / "data" / "settings.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _coerce(where: str, section: str, key: str, default: Any, value: Any) -> Any:
    """Return the value in the type of the default, or raise naming the key."""
    shown = f"{where}: [{section}] {key}"
    if isinstance(default, bool) or isinstance(value, bool):
        raise SettingsError(f"{shown} must be a number, not {value!r}")
    if isinstance(default, float):
        if not isinstance(value, int | float):
            raise SettingsError(f"{shown} must be a number such as {default}, not {value!r}")
        _check_range(section, key, float(value), shown)
        return float(value)
    if isinstance(default, int):
        if not isinstance(value, int):
            raise SettingsError(f"{shown} must be a whole number such as {default}, not {value!r}")
        _check_range(section, key, value, shown)
        return value
    if isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise SettingsError(f"{shown} must be a list of words or phrases, such as {default[:2]!r}")
        return tuple(value)
    if isinstance(default, dict):
        if not isinstance(value, dict) or not all(
            isinstance(v, list) and v and all(isinstance(a, str) and a.strip() for a in v) for v in value.values()
        ):
            raise SettingsError(f'{shown} must be a table of name = ["alias", ...], such as "NATO" = ["nato"]')
        return tuple((name, tuple(aliases)) for name, aliases in value.items())
    raise SettingsError(f"{shown} has a value of an unknown kind")


def _build(table: dict[str, Any], override: dict[str, Any], where: str, name: str) -> Settings:
    sections: dict[str, Any] = {}
    for key in override:
        if key != "name" and key not in _SECTIONS:
            raise SettingsError(f"{where}: unknown section [{key}]; the sections are {', '.join(_SECTIONS)}")
    for section, kind in _SECTIONS.items():
        defaults = table[section]
        given = override.get(section, {})
        if not isinstance(given, dict):
            raise SettingsError(f"{where}: {section} must be a [{section}] table")
        unknown = sorted(set(given) - set(defaults))
        if unknown:
            raise SettingsError(f"{where}: unknown key [{section}] {unknown[0]}; the keys of [{section}] are "
                                f"{', '.join(defaults)}")
        values = {key: _coerce(where, section, key, default, given.get(key, default))
                  for key, default in defaults.items()}
        sections[section] = kind(**values)
    return Settings(name=name, **sections)


@cache
def shipped_settings() -> Settings:
    """The settings shipped in data/settings.toml."""
    table = _shipped_table()
    return _build(table, {}, "data/settings.toml", str(table.get("name", "settings")))


def load_settings(path: Path | str | None = None) -> Settings:
    """Return the shipped settings with a user file's keys laid over them.

    With no path, $COW_COMPARE_SETTINGS names the file if set; else the shipped settings.
    """
    if path is None:
        path = os.environ.get(SETTINGS_ENV) or None
    if path is None:
        return shipped_settings()
    path = Path(path)
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # A named pipe or a device would block the read for ever.
            raise SettingsError(f"{path}: is not a regular file (a named pipe or a device); give a TOML settings file")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(f"{path}: no such settings file; check the path given to --settings or "
                            f"${SETTINGS_ENV}") from None
    except IsADirectoryError:
        raise SettingsError(f"{path}: is a directory; give a TOML settings file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read as UTF-8 text ({exc}); give a TOML settings file") from None
    try:
        override = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc}); fix the file") from None
    except RecursionError:
        raise SettingsError(f"{path}: nested too deeply to be a settings file; fix the file") from None
    shipped = shipped_settings()
    return _build(_shipped_table(), override, str(path), f"{shipped.name}+{path.name}")
