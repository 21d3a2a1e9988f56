"""The checker's build-time HTML (sitebuild.checker_html), read without a browser.

The form must hold every question and option of decision.questions(), in order, with the
names and values checker.js reads; be skippable; tie help text to its question; and stay
disabled (under a visible note) until the script runs. The cards carry decision's words.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import decision
from conftest import local_facts
from sitebuild import checker_html


class Elements(HTMLParser):
    """Every start tag, with its attributes and the text right inside it."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **{name: value if value is not None else "" for name, value in attrs}, "text": ""}
        self.elements.append(element)
        if tag not in {"input", "br", "img"}:
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open and self._open.pop()["tag"] != tag:
            pass

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find(self, tag=None, **attributes):
        return [
            e for e in self.elements
            if (tag is None or e["tag"] == tag)
            and all(e.get(name.rstrip("_").replace("_", "-")) == value for name, value in attributes.items())
        ]


FORM = Elements(checker_html.render_form(local_facts()))
QUESTIONS = decision.questions()


def test_every_question_in_order_with_names_and_values():
    rendered = [e["data-question"] for e in FORM.elements if "data-question" in e]
    assert rendered == [q["id"] for q in QUESTIONS]
    assert rendered[0] == "red_flags", "warning signs come first"
    for question in QUESTIONS:
        inputs = FORM.find("input", name=question["id"])
        values = [i.get("value") for i in inputs]
        if question["kind"] == "number":
            (box,) = inputs
            assert box["type"] == "number"
            # No max on the box: the most depends on the unit (decision says so if too many).
            assert box["min"] == str(question["min"]) and "max" not in box
            (unit,) = FORM.find("select", name=f'{question["id"]}.unit')
            assert unit["text"] == "".join(u["unit"] for u in question["units"]), "the first unit first"
        elif question["kind"] == "yes_no":
            assert values == ["yes", "no", ""]
        elif question["kind"] == "single":
            assert values == [o["value"] for o in question["options"]] + [""]
        else:
            assert values == [o["value"] for o in question["options"]]
            assert all(i["type"] == "checkbox" for i in inputs)


def test_every_question_can_be_skipped():
    for question in QUESTIONS:
        inputs = FORM.find("input", name=question["id"])
        if question["kind"] in ("single", "yes_no"):
            (checked,) = [i for i in inputs if "checked" in i]
            assert checked["value"] == ""
            assert FORM.find("label", for_=checked["id"])[0]["text"] == checker_html.SKIP_LABEL
        else:
            assert not any("checked" in i for i in inputs), "nothing is ticked to start with"


def test_labels_legends_and_help():
    ids = Counter(e["id"] for e in FORM.elements if "id" in e)
    assert [i for i, n in ids.items() if n > 1] == []
    for element in FORM.find("input"):
        if element.get("type") in ("checkbox", "radio", "number", "text"):
            assert FORM.find("label", for_=element["id"]), element
    for question in QUESTIONS:
        (holder,) = [e for e in FORM.elements if e.get("data-question") == question["id"]]
        help_id = f'rg-q-{question["id"]}-help'
        assert FORM.find("p", id=help_id)[0]["text"] == question["help"]
        if question["kind"] == "number":
            box = FORM.find("input", name=question["id"])[0]
            assert help_id in box["aria-describedby"].split()
            assert FORM.find("label", for_=box["id"])[0]["text"] == question["prompt"]
        else:
            assert holder["tag"] == "fieldset"
            assert help_id in holder["aria-describedby"].split()
            assert question["prompt"] in holder["text"]
    groups = FORM.find("legend", **{"class": "rg-group__legend"})
    titles = [checker_html.group_legend(group) for group in dict.fromkeys(q["group"] for q in QUESTIONS)]
    assert [g["text"] for g in groups] == [
        f"Step {n} of {len(titles)}: {title}" for n, title in enumerate(titles, 1)
    ]
    for described in (e for e in FORM.elements if "aria-describedby" in e):
        for target in described["aria-describedby"].split():
            assert ids[target] == 1, target


def test_disabled_until_the_script_runs_but_the_warning_signs():
    first = QUESTIONS[0]["group"]
    step_one = {q["id"] for q in QUESTIONS if q["group"] == first}
    answers = [e for e in FORM.find("input") if "name" in e]
    usable = [e for e in answers if e["name"] in step_one]
    rest = [e for e in answers if e["name"] not in step_one]
    form_buttons = FORM.find("button", type="submit") + FORM.find("button", data_rg_action="share") + FORM.find(
        "button", data_rg_action="forget"
    )
    steps = len({q["group"] for q in QUESTIONS})
    assert usable and len(rest) > 20 and len(form_buttons) == steps + 2
    assert not any("disabled" in control for control in usable), "warning signs work with JavaScript off"
    assert all("disabled" in control for control in rest + form_buttons)
    (note,) = FORM.find(data_rg="nojs")
    assert "The other questions need JavaScript" in note["text"]
    assert "all of the guidance is on this page and on the other pages" in note["text"]
    plan_buttons = [b for b in FORM.find("button") if b["text"] == "Show my plan"]
    assert len(plan_buttons) == steps and all(b["type"] == "submit" for b in plan_buttons)
    buttons = {b["text"]: b for b in FORM.find("button")}
    for name in ("Share or bookmark", "Forget my answers", "Copy link", "Copy summary", "Print summary"):
        assert buttons[name]["type"] == "button"


def test_cards_from_decision():
    # One hidden card per card of decision, numbers filled in from mkdocs.yml extra.local.
    cards = [e for e in FORM.elements if "data-triage" in e]
    assert [c["data-card"] for c in cards] == [card["id"] for card in decision.cards()]
    facts = local_facts()
    for card, words in zip(cards, decision.cards()):
        assert "hidden" in card and card["data-triage"] == words["level"]
        assert checker_html.SR_PREFIX[words["level"]] in card["text"]
        assert words["title"].format(**facts) in card["text"] and words["text"].format(**facts) in card["text"]
        assert "{" not in card["text"], "a number was left unfilled"
    assert "rg-card--emergency" in cards[0]["class"]
    live = [e for e in FORM.elements if "aria-live" in e]
    (plan_live,) = [e for e in live if "rg-results__cards" in e.get("class", "")]
    assert all(c["text"] in plan_live["text"] for c in cards)
    assert [e.get("data-rg") for e in live if e is not plan_live] == ["early"], "the early card's live region"


def test_question_list():
    listing = Elements(checker_html.render_question_list())
    text = " ".join(e["text"] for e in listing.find("ul", **{"class": "rg-question-list"}))
    for question in QUESTIONS:
        assert question["prompt"] in text and question["help"] in text
        for option in question.get("options", []):
            assert option["label"] in text
    assert [int(ol["start"]) for ol in listing.find("ol")][0] == 1


def test_built_pages_hold_the_form_and_the_list(site_dir):
    start = (site_dir / "index.html").read_text(encoding="utf-8")
    assert start.count("data-rg-checker") == 1
    assert re.search(r'<section class="rg-section"[^>]* data-section="checker"[^>]*>.*data-rg-checker', start, re.S)
    decides = (site_dir / "how-the-checker-decides" / "index.html").read_text(encoding="utf-8")
    assert 'class="rg-question-list"' in decides
    assert "data-rg-checker" not in decides
