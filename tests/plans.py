"""Hypothesis strategies for plan texts as outlets print them, wide enough to reach the edges.

Besides ordinary sentences they draw what broke the tool before: extreme lengths (a provision of
thousands of words), long digit runs (a number of 30 digits, `7*7`, `2025.`), deep nesting (sub-items
six levels down), provisions with no word at all (`[...]`, `—`, `]`), Markdown's emphasis and
escape characters (`*`, `**`, `_`, `` ` ``, `\\`), struck slots, sections with an introduction,
editor's notes, a preamble and a closing paragraph. `plan_texts()` gives a whole text to parse;
`plan_pairs()` two versions of one plan, the second edited from the first.
"""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = (
    "Ukraine", "Russia", "NATO", "troops", "will", "not", "be", "stationed", "in", "the", "line", "of", "contact",
    "frozen", "ceasefire", "monitoring", "buffer", "zone", "referendum", "Zaporizhzhia", "guarantees", "Europe",
    "800,000", "$100", "billion", "50%", "50:50", "2025", "100", "de", "facto", "sanctions", "amnesty",
)
MARKUP = (
    "7*7", "*starred*", "**bold**", "x*y", "a_b", "_under_", "__init__", "`tick`", "a\\b", "\\", "*", "**", "_",
    "~", "#", ">", "|", "&amp;", "<b>", "(note)", "[agreed]", "Option:", "-", "—", "...", "10.", "2025.", "1)", "a)",
    "§", "+++",
)
BARE = ("[...]", "—", "]", "…", "...", "-", "*", "**", "_", "7*7", "(", ")", "[", "§", "?", "!", "%", "$")
"""Provision texts without a single word: what `diff A A` once failed on."""


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """A number as printed in running text: short, a run of up to 40 digits, now and then one of
    thousands (beyond the 4,300 digits Python reads as an integer)."""
    first = draw(st.sampled_from("123456789"))
    if draw(st.integers(0, 40)) == 0:
        return first * draw(st.integers(4000, 6000))
    digits = draw(st.integers(1, 40))
    return first + draw(st.text("0123456789", min_size=digits - 1, max_size=digits - 1))


@st.composite
def front_matter(draw: st.DrawFn) -> list[str]:
    """A +++ block, now and then with an array nested far deeper than any real file (up to 600 levels)."""
    depth = draw(st.sampled_from([1, 2, 5, 31, 32, 33, 120, 600]))
    return ["+++", 'title = "A plan"', f"tags = {'[' * depth}{']' * depth}", "+++"]


def words(*, markup: bool = True) -> st.SearchStrategy[str]:
    pool = st.sampled_from(WORDS + MARKUP) if markup else st.sampled_from(WORDS)
    return st.one_of(pool, pool, pool, numbers())


@st.composite
def sentences(draw: st.DrawFn, *, markup: bool = True, longest: int = 14) -> str:
    """A provision's text: a sentence, now and then thousands of words, or no word at all."""
    shape = draw(st.sampled_from(["sentence"] * 8 + ["long", "bare"]))
    if shape == "bare":
        return draw(st.sampled_from(BARE))
    size = draw(st.integers(1, 3000)) if shape == "long" else draw(st.integers(1, longest))
    if shape == "long":
        # Thousands of words drawn one by one make Hypothesis slow; a seeded cycle is as long.
        seed = draw(st.lists(words(markup=markup), min_size=3, max_size=12))
        text = " ".join(seed[k % len(seed)] for k in range(size))
    else:
        text = " ".join(draw(st.lists(words(markup=markup), min_size=size, max_size=size)))
    text = text[:1].upper() + text[1:]
    return text + draw(st.sampled_from([".", ".", ";", "", ":"]))


_LETTERS = "abcdefgh"
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")


def _sub_marker(depth: int, k: int) -> str:
    """Markers a level down: letters, then roman numerals, then numbers again, then letters."""
    style = depth % 3
    if style == 1:
        return f"{_LETTERS[k]})"
    if style == 2:
        return f"({_ROMANS[k]})"
    return f"{k + 1}."


@st.composite
def _items(draw: st.DrawFn, depth: int, deepest: int, *, markup: bool) -> list[str]:
    """Sub-items below a point, each perhaps with sub-items of its own, down to `deepest`."""
    if depth > deepest:
        return []
    lines = []
    kind = draw(st.sampled_from(["marked", "marked", "bullets", "options"]))
    for k in range(draw(st.integers(1, 3))):
        indent = "    " * depth
        if kind == "options":
            lines.append(f"{indent}Option {'ABC'[k]}: {draw(sentences(markup=markup))}")
            continue
        marker = "-" if kind == "bullets" else _sub_marker(depth, k)
        lines.append(f"{indent}{marker} {draw(sentences(markup=markup))}")
        if draw(st.integers(0, 3)) == 0:
            lines += draw(_items(depth + 1, deepest, markup=markup))
    return lines


@st.composite
def plan_texts(draw: st.DrawFn, *, markup: bool = True) -> str:
    """A whole plan: title, preamble, numbered points with sub-items, sections, struck slots, notes, closing."""
    lines: list[str] = []
    if draw(st.integers(0, 5)) == 0:
        lines += draw(front_matter())
    if draw(st.booleans()):
        lines += [f"# {draw(sentences(markup=False))}", ""]
    if draw(st.booleans()):
        lines += [draw(sentences(markup=markup)), ""]
    style = draw(st.sampled_from(["{n}. ", "{n}) ", "({n}) ", "Point {n}: ", "**{n}.** "]))
    deepest = draw(st.integers(1, 6))
    for n in range(1, draw(st.integers(1, 9)) + 1):
        if n > 1 and draw(st.integers(0, 6)) == 0:
            lines += ["", f"## {draw(sentences(markup=False))}", ""]
            if draw(st.booleans()):
                lines += [draw(sentences(markup=markup)), ""]
        if draw(st.integers(0, 8)) == 0:
            lines.append(style.format(n=n) + "[deleted]")
            continue
        if draw(st.integers(0, 30)) == 0:  # a wrapped line that starts with a year, an amount, a long number
            number = str(draw(st.integers(501, 99999))) if draw(st.booleans()) else draw(numbers()) + "000"
            lines.append(f"{number}{draw(st.sampled_from(['. ', ': ', ') ', ' ']))}{draw(sentences())}")
        lines.append(style.format(n=n) + draw(sentences(markup=markup)))
        if draw(st.integers(0, 2)) == 0:
            lines += draw(_items(1, deepest, markup=markup))
        if draw(st.integers(0, 10)) == 0:
            lines.append(f"(Editor's note: {draw(sentences(markup=markup))})")
    if draw(st.booleans()):
        lines += ["", draw(sentences(markup=markup))]
    return "\n".join(lines) + "\n"


@st.composite
def plan_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Two versions of a plan: the second with points struck, reworded, moved, inserted, repeated."""
    old = draw(plan_texts())
    lines = old.splitlines()
    marked = [k for k, line in enumerate(lines) if line[:1].isdigit() or line.startswith(("(", "Point", "**"))]
    for _ in range(draw(st.integers(0, 4))):
        if not marked:
            break
        k = draw(st.sampled_from(marked))
        edit = draw(st.sampled_from(["strike", "reword", "repeat", "swap", "insert"]))
        head, _sep, text = lines[k].partition(" ")
        if edit == "strike":
            lines[k] = f"{head} [deleted]"
        elif edit == "reword":
            lines[k] = f"{head} {draw(sentences())}"
        elif edit == "repeat":
            other = draw(st.sampled_from(marked))
            lines[k] = f"{head} {lines[other].partition(' ')[2]}"
        elif edit == "swap":
            other = draw(st.sampled_from(marked))
            lines[k], lines[other] = f"{head} {lines[other].partition(' ')[2]}", f"{lines[other].partition(' ')[0]} {text}"
        else:
            lines.insert(k, f"    - {draw(sentences())}")
            marked = [m + 1 if m >= k else m for m in marked]
    return old, "\n".join(lines) + "\n"


_HEADS = ("{n}. ", "{n}) ", "({n}) ", "Point {n}: ", "**{n}.** ", "{n} ", "{n}.", "{n}: ", "- ", "* ", "{a}) ", "({a}) ",
          "{a}. ", "{r}. ", "Option {A}: ", "§ {n} ")
"""Heads a garbled line may be given instead of its own: every marker style the parser knows, and
some it only takes in context (`3 Text`, `3.Text`, `3: text`)."""

_LOOKALIKES = ("Point {big}: ", "{big}. ", "{year}. ", "{year} ", "1.5 ", "10/", "# ", "(", "[", "+++", "> ", "Option: ",
               "Point ", "1st: ", "a/ ", "ii) ", "IV. ", "2.-3. ", "{n}.{n} ", "\"{n}. ", "- {n}. ")
"""Openings that look like markers and are not (numbers too long for a point, years, decimals,
a heading mark, an option without a key), or are markers only where a sequence runs on."""


@st.composite
def garbled_texts(draw: st.DrawFn) -> str:
    """A plan as a careless paste leaves it: the edited version of `plan_pairs()`, then marker styles
    mixed line by line, marker-like openings that the parser rejects in one place and accepts in
    another, wrapped lines that start with a number or a letter, indents and blank lines moved."""
    _old, new = draw(plan_pairs())
    lines = new.splitlines()
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        k = draw(st.integers(0, len(lines) - 1))
        line = lines[k]
        indent = line[: len(line) - len(line.lstrip())]
        text = line.lstrip()
        edit = draw(st.sampled_from(["restyle", "lookalike", "wrap", "join", "indent", "blank", "unblank"]))
        n, a = draw(st.integers(1, 9)), draw(st.sampled_from(_LETTERS))
        fill = {"n": n, "a": a, "A": a.upper(), "r": _ROMANS[n - 1] if n <= len(_ROMANS) else "ix",
                "big": draw(numbers()) + "000", "year": draw(st.integers(1900, 2100))}
        if edit == "restyle":
            words = text.split(" ", 1)
            rest = words[1] if len(words) > 1 and (words[0][:1].isdigit() or words[0][:1] in "(*-§P") else text
            lines[k] = indent + draw(st.sampled_from(_HEADS)).format(**fill) + rest
        elif edit == "lookalike":
            lines.insert(k, indent + draw(st.sampled_from(_LOOKALIKES)).format(**fill) + draw(sentences()))
        elif edit == "wrap" and " " in text:
            cut = draw(st.integers(1, text.count(" ")))
            head, tail = " ".join(text.split(" ")[:cut]), " ".join(text.split(" ")[cut:])
            lines[k: k + 1] = [indent + head, indent + draw(st.sampled_from(["", "  ", "    "])) + tail]
        elif edit == "join" and k + 1 < len(lines):
            lines[k: k + 2] = [f"{line} {lines[k + 1].lstrip()}"]
        elif edit == "indent":
            lines[k] = draw(st.sampled_from(["", "  ", "    ", "        ", "\t"])) + text
        elif edit == "blank":
            lines.insert(k, "")
        elif edit == "unblank" and not text:
            del lines[k]
    return "\n".join(lines) + "\n"
