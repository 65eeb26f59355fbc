"""The parser on the layouts real pages use, each in a small text of our own (issue #10 §2 and §3).

The real renditions themselves are in tests/fixtures/real (tests/test_real_layouts.py); these
cases pin each layout down on its own, with the warning it must give.
"""

from __future__ import annotations

import pytest

from cow_compare import parse_text
from cow_compare.intake import markers
from cow_compare.settings import shipped_settings

SETTINGS = shipped_settings().parse


def structure(text: str) -> list[tuple[str, str]]:
    return [(p.label, p.status) for p in parse_text(text, "page.txt").provisions]


def messages(text: str) -> list[str]:
    return [w.message for w in parse_text(text, "page.txt").warnings]


# -- the list, its lead and its closing ------------------------------------------------------------


def test_a_title_line_repeating_the_first_point_is_lead_with_a_warning() -> None:
    text = ("1. Ukraine's sovereignty will be confirmed\n\nThe paper publishes the plan below.\n\n"
            "1. Ukraine's sovereignty will be confirmed.\n2. A ceasefire begins.\n")
    assert structure(text) == [("preamble", "active"), ("preamble-2", "active"), ("1", "active"), ("2", "active")]
    assert messages(text) == ["'1.' before the list is read as a title or lead text, not as a provision"]


def test_a_heading_repeating_a_point_inside_the_list_is_dropped_as_a_heading() -> None:
    text = "1. A ceasefire.\n2. Security guarantees\n2. The United States gives guarantees.\n3. Elections.\n"
    assert structure(text) == [("1", "active"), ("2", "active"), ("3", "active")]
    doc = parse_text(text, "page.txt")
    assert doc.provision("2").text == "The United States gives guarantees."
    assert doc.provision("2").section == "Security guarantees"
    assert "is a heading repeating point 2" in doc.warnings[0].message


def test_a_stray_bullet_before_the_list_is_lead() -> None:
    text = "\u2022 8/13/2019 Agreement\n\nPREAMBLE\n\n1. The line is fixed.\n2. Forces pull back.\n"
    assert structure(text) == [("preamble", "active"), ("preamble-2", "active"), ("1", "active"), ("2", "active")]


def test_points_quoted_out_of_order_stay_in_order_printed() -> None:
    text = "The agreement says:\n11. Reform.\n4. Dialogue.\n12. Elections.\n13. Contact group.\n"
    assert structure(text) == [("preamble", "active"), ("11", "active"), ("4", "active"), ("12", "active"),
                               ("13", "active")]


def test_lines_after_a_list_of_one_line_items_are_closing() -> None:
    text = ("Key points:\n\u25aa\ufe0f Ukraine keeps its army.\n\u25aa\ufe0f Elections are held.\n"
            "\u25aa\ufe0f The plant is shared.\nThe text says nothing about language.\nNor about assets.\n")
    assert structure(text) == [("preamble", "active"), ("p1", "active"), ("p2", "active"), ("p3", "active"),
                               ("closing", "active")]


def test_closing_paragraph_of_a_point_is_not_folded_into_its_last_dash_sub_item() -> None:
    text = ("1. Heavy weapons are pulled back:\n- by Ukraine from the line of contact;\n"
            "- by the other side from the line of September.\nThe withdrawal starts on day two.\n2. Monitoring.\n")
    doc = parse_text(text, "page.txt")
    assert [p.label for p in doc.provisions] == ["1", "1.p1", "1.p2", "2"]
    assert doc.provision("1.p2").text == "by the other side from the line of September."
    assert doc.provision("1").text.endswith("The withdrawal starts on day two.")


# -- markers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "labels"), [
    ("Point 1\nThe sovereignty is confirmed.\nPoint 2\nA ceasefire.\nParagraph 3\nGuarantees.\n", ["1", "2", "3"]),
    ("1.\u00ba Se confirma la soberan\u00eda.\n2.\u00ba Alto el fuego.\n", ["1", "2"]),
    ("Article 1\nThe parties renounce force.\nArticle 2\nBorders are inviolable.\n", ["1", "2"]),
    ("\u00a7 1 Die Waffen schweigen.\n\u00a7 2 Beobachter kommen.\n", ["1", "2"]),
    ("1. Security:\n1.1 A ceasefire.\n1.2 Monitors.\n2. Economy.\n", ["1", "1.1", "1.2", "2"]),
    ("\uff11\uff0e\u505c\u6226\u3059\u308b\u3002\n\uff12\uff0e\u4eba\u8cea\u3092\u8fd4\u3059\u3002\n", ["1", "2"]),
    ("\u25cf One.\n\u25cf Two.\n", ["p1", "p2"]),
    ("\u25a0 One.\n\u25a0 Two.\n", ["p1", "p2"]),
    ("-\nThe ceasefire holds.\n-\nPrisoners are exchanged.\n", ["p1", "p2"]),
    ("-Durant la premi\u00e8re phase, le retrait.\n-La deuxi\u00e8me phase suit.\n", ["p1", "p2"]),
    ("1:(left blank):\na/ Hostilities stop.\nb/ Crossings open.\n2: Mechanisms\n", ["1", "1.a", "1.b", "2"]),
    ("\u2022 a) The guarantee is paid for.\n\u2022 b) It lapses.\n", ["a", "b"]),
    ('"1. We believe the agreement is historic.\n\u201c2. The past left suffering.\n', ["1", "2"]),
    ("point un: surveillance;\npoint deux: vote;\ntroisi\u00e8me point: mandat;\n", ["1", "2", "3"]),
    ("ARTICLE I: LINE\n    1. A line is fixed.\n    2. A map shows it.\nARTICLE II: ARMISTICE\n    1. Fire stops.\n",
     ["i", "i.1", "i.2", "ii", "ii.1"]),
    ("\u7b2c1\u6761 \u5883\u754c\u7dda\n1. \u7dda\u3092\u5b9a\u3081\u308b\u3002\n2. \u5730\u56f3\u3002\n",
     ["1", "1.1", "1.2"]),
    ("\uc81c1\uc870 \uad70\uc0ac\ubd84\uacc4\uc120\n1. \uc120\uc744 \uc815\ud55c\ub2e4.\n", ["1", "1.1"]),
    ("CAPITULO VI\n1. Los partidos acuerdan.\n2. Se crea una comisi\u00f3n.\n", ["vi", "vi.1", "vi.2"]),
])
def test_marker_styles(text: str, labels: list[str]) -> None:
    assert [label for label, _ in structure(text)] == labels


def test_numbers_without_their_dot_when_they_continue_the_sequence() -> None:
    text = "1. Sovereignty.\n2 \u2013 A pact.\n3- Guarantees.\n\n4 [There will be] a guarantee.\n"
    assert structure(text) == [("1", "active"), ("2", "active"), ("3", "active"), ("4", "active")]
    # A number that continues nothing stays text: a date, an amount at the start of a wrapped line.
    wrapped = "1. The parties meet on\n12 February in Minsk.\n2. Next.\n"
    assert structure(wrapped) == [("1", "active"), ("2", "active")]


def test_a_run_of_numbers_printed_without_dots_or_run_into_their_text() -> None:
    text = "The points:\n\n1 The ceasefire holds.\n2 Guns are pulled back.\n3Monitors watch.\n"
    assert structure(text) == [("preamble", "active"), ("1", "active"), ("2", "active"), ("3", "active")]
    full_width = "\u898b\u51fa\u3057\n\n\uff11\u3000\u505c\u6226\u3002\n\uff12\u3000\u8fd4\u9084\u3002\n"
    assert structure(full_width) == [("preamble", "active"), ("1", "active"), ("2", "active")]


def test_a_recogniser_table_in_a_documented_order() -> None:
    assert [name for name, _ in markers.RECOGNISERS] == [
        "option", "deleted-mention", "omitted-range", "article", "word-number", "numeric-ordinal", "paren-number",
        "decimal", "number", "paren-alpha", "alpha", "quoted", "bulleted", "bullet"]


# -- glued and inline points -------------------------------------------------------------------------


def test_two_points_glued_with_no_space_after_the_full_stop() -> None:
    text = "1. Ukraine is sovereign.2. A pact is signed.\n3. Elections.\n"
    assert structure(text) == [("1", "active"), ("2", "active"), ("3", "active")]
    assert "two provisions on one line: split before '2.'" in messages(text)


def test_a_point_glued_onto_the_end_of_the_previous_sub_item() -> None:
    text = "10. Guarantees:\na) paid for;\nb) void on invasion. 11. Ukraine joins the EU.\n12. Next.\n"
    assert structure(text) == [("10", "active"), ("10.a", "active"), ("10.b", "active"), ("11", "active"),
                               ("12", "active")]


def test_a_whole_list_in_one_paragraph_after_a_lead() -> None:
    text = ("The 20 points (summary) 1.\u30ac\u30b6\u3092\u5b89\u5168\u306b\u3002 2.\u5fa9\u8208\u3092\u9032\u3081\u308b\u3002"
            " 3.\u4eba\u8cea\u309272\u6642\u9593\u4ee5\u5185\u306b\u8fd4\u3059\u3002 4.\u4f4f\u6c111,700\u4eba\u3092\u91c8\u653e\u3002\n")
    assert structure(text) == [("preamble", "active"), ("1", "active"), ("2", "active"), ("3", "active"),
                               ("4", "active")]


def test_a_list_run_together_with_a_deletion_note_in_place_of_a_point() -> None:
    text = ("1. \u0421\u0443\u0432\u0435\u0440\u0435\u043d\u0438\u0442\u0435\u0442. 2. \u041d\u0435\u043d\u0430\u043f\u0430\u0434\u0435\u043d\u0438\u0435."
            " (\u0422\u0440\u0435\u0442\u0438\u0439 \u043f\u0443\u043d\u043a\u0442 \u043f\u043b\u0430\u043d\u0430 \u0443\u0434\u0430\u043b\u0435\u043d.)"
            " 4. \u0414\u0438\u0430\u043b\u043e\u0433.\n")
    assert structure(text) == [("1", "active"), ("2", "active"), ("3", "deleted"), ("4", "active")]


def test_sub_items_running_inline_in_one_paragraph() -> None:
    text = "10. The US gives a guarantee: a) it is paid for; b) it lapses on attack; c) sanctions return.\n11. EU.\n"
    doc = parse_text(text, "page.txt")
    assert [p.label for p in doc.provisions] == ["10", "10.a", "10.b", "10.c", "11"]
    assert doc.provision("10.b").text == "it lapses on attack;"


# -- struck slots said in words ----------------------------------------------------------------------


@pytest.mark.parametrize("said", [
    "This point of the American plan has been removed. Reuters says it read: \"NATO will not expand.\"",
    "Point 3 was dropped.",
    "[deleted]",
    "\u042d\u0442\u043e\u0442 \u043f\u0443\u043d\u043a\u0442 \u0438\u0441\u043a\u043b\u044e\u0447\u0435\u043d.",
    "Dieser Punkt wurde gestrichen.",
    "Removal of the clause on compensating the United States.",
])
def test_a_numbered_point_that_says_it_was_removed_is_a_struck_slot(said: str) -> None:
    assert structure(f"2. A pact.\n3. {said}\n4. Dialogue.\n")[1] == ("3", "deleted")


def test_a_point_whose_text_is_about_removing_something_stays_active() -> None:
    assert structure("1. A pact.\n2. Sanctions will be removed in stages.\n3. The point is that troops are removed"
                     " from the border areas of the east.\n")[1:] == [("2", "active"), ("3", "active")]


def test_a_sentence_saying_a_point_is_missing_takes_its_number() -> None:
    text = ("1. Sovereignty.\n2. A pact.\nPoint 3, which said Russia will not invade, is missing from the document.\n"
            "4. Dialogue.\n")
    assert structure(text) == [("1", "active"), ("2", "active"), ("3", "deleted"), ("4", "active")]


def test_an_omitted_range_keeps_each_number_struck() -> None:
    text = "1. \u7dda\u3092\u5b9a\u3081\u308b\u3002\n2.\u301c3.(\u7565)\n4. \u6a19\u793a\u3059\u308b\u3002\n"
    assert structure(text) == [("1", "active"), ("2", "deleted"), ("3", "deleted"), ("4", "active")]


def test_an_indented_sub_line_saying_a_clause_was_taken_out_is_a_struck_sub_item() -> None:
    text = ("    4. The army stays at 800,000.\n    5. Guarantees mirror Article 5.\n"
            "      If Russia invades, sanctions return.\n      The clause about compensation has been taken out.\n"
            "    6. A non-aggression law.\n")
    assert structure(text) == [("4", "active"), ("5", "active"), ("5.p1", "active"), ("5.p2", "deleted"),
                               ("6", "active")]


def test_editors_insertions_and_elisions_in_brackets_leave_a_point_agreed() -> None:
    text = "1. [There will be] a guarantee under Article 5 [of the North Atlantic Treaty].\n2. Exports go on [\u2026].\n"
    assert structure(text) == [("1", "active"), ("2", "active")]


# -- unnumbered lists --------------------------------------------------------------------------------


def test_one_item_a_line_after_lead_paragraphs() -> None:
    text = ("Leaders agreed a plan in Minsk on Friday.\n\nThe rebels and Kyiv signed it after long talks.\n\n"
            "The truce holds everywhere\nThe front line stays where it is\nNo weapons are used\n"
            "Heavy guns are pulled back\n\nObservers say the plan is fragile.\n")
    assert structure(text) == [("preamble", "active"), ("preamble-2", "active"), ("p1", "active"),
                               ("p2", "active"), ("p3", "active"), ("p4", "active"), ("closing", "active")]


def test_one_item_a_line_after_a_lead_ending_in_a_colon() -> None:
    text = "Das MemorandumNeun Punkte\n\nEr sieht vor:\nDie Waffenruhe gilt\nDie Linie bleibt\nKeine Minen\n"
    assert structure(text) == [("preamble", "active"), ("preamble-2", "active"), ("p1", "active"),
                               ("p2", "active"), ("p3", "active")]


def test_bare_item_lines_under_topic_headings() -> None:
    text = ("The European plan\n\nThe paper lists these points.\n\nSecurity\nA ceasefire is agreed.\n"
            "Monitors watch it.\nPrisoners are exchanged.\n\nEconomy\nSanctions ease.\nAssets stay frozen.\n"
            "Trade resumes.\n")
    doc = parse_text(text, "page.txt")
    items = [p for p in doc.provisions if p.label[1:].isdigit()]
    assert [p.label for p in items] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    assert [p.section for p in items] == ["Security"] * 3 + ["Economy"] * 3


# -- doubtful outcomes ------------------------------------------------------------------------------


def test_a_long_text_yielding_one_or_two_provisions_is_flagged() -> None:
    text = "1. " + "The parties talk at length about many things. " * 40 + "\n"
    assert any("only 1 provision found in" in m and "may not have been recognised" in m for m in messages(text))


def test_a_numbering_restart_without_a_heading_is_a_second_list_with_a_warning() -> None:
    text = "1. One.\n2. Two.\n3. Three.\n\nAnother outlet's version:\n\n1. Uno.\n2. Dos.\n"
    assert [label for label, _ in structure(text)] == ["1", "2", "3", "s2.1", "s2.2"]
    assert any("numbering restarts" in m for m in messages(text))


def test_a_list_of_another_kind_after_a_heading_is_a_second_list() -> None:
    text = ("Summary:\n- The truce holds.\n- Guns are pulled back.\nMain points of the memorandum\n"
            "1. Fire stops.\n2. Weapons are withdrawn.\n")
    assert [label for label, _ in structure(text)] == ["preamble", "p1", "p2", "s2.1", "s2.2"]
    assert any("a list of another kind starts after a heading" in m for m in messages(text))
