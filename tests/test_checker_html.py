"""The checker's build-time HTML (sitebuild.checker_html), read without a browser.

The form must hold every question and option of decision.questions(), in order, with the
names and values checker.js reads; start with nothing ticked; tie help text to its question;
put one step per question group, in decision's order, each with its buttons; and, until the
script runs, show only the warning signs, with a line that links to the guidance pages in
place of the rest. The cards and the words of every failure carry decision's and the build's
words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser

import decision
from decision.kinds import KINDS
from support.project import local_facts
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
        kind = KINDS[question["kind"]]
        if kind.counts:
            (box,) = inputs
            assert box["type"] == "number"
            # No max on the box: the most depends on the unit (decision says so if too many).
            assert box["min"] == str(question["min"]) and "max" not in box
            (unit,) = FORM.find("select", name=f'{question["id"]}.unit')
            assert unit["text"] == "".join(u["unit"] for u in question["units"]), "the first unit first"
        elif kind.yes_no:
            assert values == ["yes", "no"]
            assert all(i["type"] == "radio" for i in inputs)
        else:
            assert values == [o["value"] for o in question["options"]]
            assert all(i["type"] == ("checkbox" if kind.several else "radio") for i in inputs)


def test_nothing_is_ticked_to_start_with_and_a_radio_answer_can_be_cleared():
    """A skipped question is simply unanswered: no pre-ticked "skip" option to fight."""
    assert not [i for i in FORM.find("input") if "checked" in i]
    for question in QUESTIONS:
        (holder,) = [e for e in FORM.elements if e.get("data-question") == question["id"]]
        clears = [b for b in FORM.find("button", data_rg_action="clear") if b["aria-label"].endswith(question["prompt"])]
        if not KINDS[question["kind"]].several and not KINDS[question["kind"]].counts:
            (clear,) = clears
            assert clear["type"] == "button" and "hidden" in clear, "shown by the script once answered"
            assert clear["text"] == checker_html.CLEAR_LABEL and clear["aria-label"].startswith(clear["text"])
        else:
            assert not clears


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
        if KINDS[question["kind"]].counts:
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


def steps_of_the_form() -> list[dict]:
    return [e for e in FORM.elements if "data-rg-step" in e]


def test_one_step_per_group_in_decision_order_with_its_buttons():
    groups = [g["id"] for g in decision.question_groups() if any(q["group"] == g["id"] for q in QUESTIONS)]
    steps = steps_of_the_form()
    assert [s["data-rg-group"] for s in steps] == groups
    assert [int(s["data-rg-step"]) for s in steps] == list(range(1, len(groups) + 1))
    for question in QUESTIONS:
        (step,) = [s for s in steps if s["data-rg-group"] == question["group"]]
        assert question["prompt"] in step["text"]
    # Only step one shows before the script runs; the buttons wait for the script.
    assert "hidden" not in steps[0] and all("hidden" in step for step in steps[1:])
    navs = FORM.find(data_rg="nav")
    assert len(navs) == len(steps) and all("hidden" in nav for nav in navs)
    for number, nav in enumerate(navs, 1):
        words = nav["text"]
        last = number == len(steps)
        assert ("Continue" in words) == (not last) and ("Back" in words) == (number > 1)
        assert ("Show my plan now" in words) == (not last)
    plan_buttons = [b for b in FORM.find("button") if b["text"] in ("Show my plan", "Show my plan now")]
    assert len(plan_buttons) == len(steps) and all(b["type"] == "submit" for b in plan_buttons)
    assert [b["text"] for b in plan_buttons].count("Show my plan") == 1, "one Show my plan, at the end"
    assert plan_buttons[0]["text"] == "Show my plan now" and "data-rg-now" in plan_buttons[0]


def test_the_warning_signs_must_be_answered_to_go_on():
    (required,) = [e for e in FORM.elements if "data-rg-required" in e]
    assert required["data-question"] in decision.engine.ASK_FIRST == ("red_flags",)
    assert required["data-rg-required"] == checker_html.REQUIRED


def test_disabled_until_the_script_runs_but_the_warning_signs():
    first = QUESTIONS[0]["group"]
    step_one = {q["id"] for q in QUESTIONS if q["group"] == first}
    answers = [e for e in FORM.find("input") if "name" in e]
    usable = [e for e in answers if e["name"] in step_one]
    rest = [e for e in answers if e["name"] not in step_one]
    nav_buttons = FORM.find("button", type="submit") + [
        b for action in ("share", "forget", "continue", "back") for b in FORM.find("button", data_rg_action=action)
    ]
    assert usable and len(rest) > 20
    assert not any("disabled" in control for control in usable), "warning signs work with JavaScript off"
    assert all("disabled" in control for control in rest + nav_buttons)
    buttons = {b["text"]: b for b in FORM.find("button")}
    for name in ("Share or bookmark", "Forget my answers", "Copy link", "Copy summary", "Print summary"):
        assert buttons[name]["type"] == "button"


def test_without_javascript_a_line_links_to_the_guidance_pages():
    (note,) = FORM.find(data_rg="nojs")
    assert "The other questions need JavaScript" in note["text"]
    assert "All of the guidance is on these pages" in note["text"]
    links = [a["data-rg-page"] for a in FORM.find("a") if "data-rg-page" in a]
    pages = checker_html.guide_pages()
    assert pages and set(links) == set(pages), "the line, and the failure's words, link every page"
    assert "use the menu" not in checker_html.render_form(local_facts())


def test_failures_in_the_readers_words_with_the_detail_folded():
    html = checker_html.render_form(local_facts())
    for name, title in (("failed", "The checker could not start."), ("unreadable", "These saved answers could not be read.")):
        template = re.search(rf'<template data-rg="{name}">(.*?)</template>', html, re.S).group(1)
        words = Elements(template)
        assert words.find("p", **{"class": "rg-error__title"})[0]["text"] == title
        (details,) = words.find("details")
        assert details["text"].startswith("Details") and words.find("p", data_rg="detail")
    failed = re.search(r'<template data-rg="failed">(.*?)</template>', html, re.S).group(1)
    assert "Your guidance is all here" in failed and "data-rg-page" in failed and "Try again" in failed


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
        assert card["data-rg-advice"] == f'{words["title"].format(**facts)}. How soon: {words["soon"]}.'
        # Every card links to its section, last (the build sets the address: section_links).
        assert card["text"].endswith(words["link"]["text"])
        assert [a for a in FORM.find("a") if a.get("data-rg-section") == words["link"]["section"]
                and a["text"] == words["link"]["text"]], "every card links to its section"
        # The calmer cards start with what to do tonight, each line a link to its section, then
        # how soon; the urgent ones keep to their own actions (issue 25).
        tonight = [item["text"] for item in words["now"]]
        if tonight:
            assert card["text"].index("What you can do tonight") < card["text"].index(tonight[0]) < card[
                "text"].index("How soon:")
            for item in words["now"]:
                assert [a for a in FORM.find("a") if a.get("data-rg-section") == item["section"]
                        and a["text"] == item["text"]], item
        else:
            assert "tonight" not in card["text"]
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


def test_the_page_and_config_json_give_one_stall_time(site_dir):
    """The page times config.json's own download with the stall time the build wrote on the
    checker; every later download with config.json's: both the build's one number, never a
    default in the page's script."""
    start = Elements((site_dir / "index.html").read_text(encoding="utf-8"))
    config = json.loads((site_dir / "assets" / "checker" / "config.json").read_text(encoding="utf-8"))
    (box,) = [e for e in start.elements if "data-rg-checker" in e]
    assert int(box["data-rg-stall-ms"]) == config["stallMs"] > 0
    runtime = (site_dir / "assets" / "checker" / "runtime.js").read_text(encoding="utf-8")
    assert str(config["stallMs"]) not in runtime, "runtime.js holds its own copy of the stall time"
