"""The third independent review's 89 held-out scenarios (tests/review_scenarios_3.json, as the
reviewer wrote them), each run through decision.plan: the level within the reviewer's range,
the sections it expects among those shown or put first, none it forbids.

A scenario is a clinical expectation with its source (its "source" field). Where the sources
disagree with one, the JSON keeps it with a "disagreement" field that cites them; it is then
checked as the sources grade it, never by changing a rule to match the reviewer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import decision
from decision.cards import BY_ID as CARDS, POISON_CALL
from support.project import local_facts
from decision.triage import LEVELS

SCENARIOS = json.loads((Path(__file__).parent / "review_scenarios_3.json").read_text(encoding="utf-8"))
PHONE = re.compile(r"^[\d-]+$")


def test_the_scenarios_are_the_reviewers_89():
    assert len(SCENARIOS) == 89 and len({s["name"] for s in SCENARIOS}) == 89


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"][:3] for s in SCENARIOS])
def test_review_scenario(scenario):
    name = scenario["name"]
    plan = decision.plan(scenario["answers"])
    low, high = LEVELS.index(scenario["min_triage"]), LEVELS.index(scenario["max_triage"])
    assert low <= LEVELS.index(plan.triage) <= high, (
        f"{name}: level {plan.triage}, expected {scenario['min_triage']} to {scenario['max_triage']}")
    # "Shown", as the reviewer counted it: the sections of the plan and those it puts first.
    shown = {s.id for s in plan.show} | set(plan.layout.lead)
    missing = [s for s in scenario["must_show"] if s not in shown]
    assert not missing, f"{name}: not shown: {missing}"
    unwanted = [s for s in scenario["must_not_show"] if s in shown]
    assert not unwanted, f"{name}: shown but must not be: {unwanted}"
    for words in scenario.get("card_must_mention", []):
        if PHONE.match(words):
            # Cards hold no digits: the Poison Help card's number comes from mkdocs.yml.
            assert plan.card.id == "poison", f"{name}: the card is {plan.card.id}, not Poison Help"
            assert CARDS["poison"].calls[0] == POISON_CALL, f"{name}: the Poison Help card has no tap-to-call"
            if local_facts()["country"] == "the US":  # the reviewer wrote the US build's number
                assert local_facts()["poison_number"] == words, f"{name}: the site's Poison Help number"
        else:
            card = CARDS[plan.card.id]
            card_text = " ".join((card.title, card.text, *plan.card.lines))
            assert words in card_text, f"{name}: the card does not say {words!r}"


# The second fresh review's findings (issue 28, M4 and L7), as scenarios from its benign baseline:
# cyclobenzaprine for a recent strain, 3 days, as prescribed, nothing else, no warning sign.
BASELINE = {"red_flags": ["none"], "relaxer": "cyclobenzaprine", "prescribed_for": "recent_strain",
            "days_taken": 3, "dose_pattern": "as_prescribed", "also_taking": ["none"]}
SECOND_REVIEW = [
    # M4: the pages say call the doctor or a pharmacist today for the milder signs.
    ("S01 mild serotonin signs on cyclobenzaprine with an SSRI",
     {"also_taking": ["serotonergic", "serotonin_mild"]}, "urgent", "urgent", ["prompt-evaluation", "interactions"]),
    ("S02 mild serotonin signs on metaxalone, nothing else named",
     {"relaxer": "metaxalone", "also_taking": ["serotonin_mild"]}, "urgent", "urgent", ["prompt-evaluation"]),
    ("S03 an SSRI and no signs: not same-day (over-triage check)",
     {"also_taking": ["serotonergic"]}, "see_doctor", "see_doctor", ["interactions"]),
    # L7: the acetaminophen box (quick care matters even without signs) is shown, not folded.
    ("S04 too much acetaminophen", {"also_taking": ["too_much_acetaminophen"]}, "urgent", "urgent",
     ["overdose-signs", "acetaminophen-overdose"]),
]


@pytest.mark.parametrize("name, change, low, high, must_show", SECOND_REVIEW, ids=[s[0][:3] for s in SECOND_REVIEW])
def test_second_review_scenario(name, change, low, high, must_show):
    plan = decision.plan({**BASELINE, **change})
    assert LEVELS.index(low) <= LEVELS.index(plan.triage) <= LEVELS.index(high), (name, plan.triage)
    shown = [s.id for s in plan.show]
    assert all(section in shown for section in must_show), (name, shown)
    if "serotonin_mild" in change.get("also_taking", []):
        assert "too-soon" not in shown, "a sign of harm never sits beside take it the way you were told"


# The fourth fresh review's 48 held-out scenarios (tests/review_scenarios_fresh_3.json, its
# scenarios.json as written: a benign baseline, methocarbamol for a strain, 3 days, and each
# scenario's change), checked as its run_scenarios.py checks them through the CLI: the level in
# range; the sections shown (shown, always visible or put first); those that must lead, where a
# subsection counts when its section leads (the review's own note on acetaminophen-overdose);
# none forbidden; the card's words, its text filled with the build's local numbers; and no card
# that suggests taking more.
FRESH = json.loads((Path(__file__).parent / "review_scenarios_fresh_3.json").read_text(encoding="utf-8"))
MORE_MEDICINE = re.compile(r"take more|increase (your|the) dose|double (your|the) dose|raise (your|the) dose|"
                           r"keep taking", re.I)


def card_text(plan: dict) -> str:
    """The card as the page shows it, lower-cased: its lines, its words with the build's local
    numbers filled in, and the numbers its call buttons dial."""
    card = CARDS[plan["card"]["id"]]
    facts = local_facts()
    template = " ".join((card.title, card.text, *card.wait)).format(**facts)
    calls = " ".join(facts[f"{kind}_number"] for kind in card.calls)
    return " ".join((*plan["card"]["lines"], template, calls)).lower()


def test_the_fourth_review_has_48_scenarios_a_third_against_over_triage():
    scenarios = FRESH["scenarios"]
    assert len(scenarios) == 48 == len({s["id"] for s in scenarios})
    assert sum(s["over_triage_check"] for s in scenarios) >= 16


@pytest.mark.parametrize("scenario", FRESH["scenarios"], ids=[s["id"] for s in FRESH["scenarios"]])
def test_fourth_review_scenario(scenario):
    answers = {**FRESH["baseline"], **scenario["answers"]}
    if answers["red_flags"] != ["none"]:
        answers["red_flags"] = [flag for flag in answers["red_flags"] if flag != "none"]
    plan = decision.plan(answers).to_dict()
    name, lead = scenario["id"], plan["layout"]["lead"]
    assert LEVELS.index(scenario["min"]) <= LEVELS.index(plan["triage"]) <= LEVELS.index(scenario["max"]), (
        f"{name}: level {plan['triage']}, expected {scenario['min']} to {scenario['max']}")
    shown = {s["id"] for s in plan["show"]} | set(plan["always"]) | set(lead)
    leading = set(lead) | {s for s in decision.section_ids() if decision.sections.top(s) in lead}
    assert not [s for s in scenario["must_show"] if s not in shown], name
    assert not [s for s in scenario["must_lead"] if s not in leading], (name, lead)
    assert not [s for s in scenario["must_not_show"] if s in shown], name
    assert not [s for s in scenario["must_not_lead"] if s in lead], (name, lead)
    text = card_text(plan)
    for words in scenario["card_words"]:
        if local_facts()["country"] == "the US" or not re.search(r"\d", words):  # the review read the US build
            assert re.search(words, text, re.I), f"{name}: the card does not say /{words}/"
    assert not MORE_MEDICINE.search(text), f"{name}: the card suggests more medicine"


# The later fresh reviews' held-out scenarios (tests/review_scenarios_fresh_4.json onward, their
# scenarios.json as written), checked as their run_scenarios.py checked them: the level in range,
# the sections shown, leading or not, and the card's words (its lines and the card as the page
# shows it, numbers filled in). Each review once: its file's number, where its baseline and each
# scenario's answers are, and the key that marks its over-triage checks (each reviewer named them
# its own way).
LATER_REVIEWS = (
    (4, "base", "answers", "over_triage"),
    (5, "baseline", "change", "over_triage_check"),
    (6, "baseline", "answers", "over_triage"),
    (7, "baseline", "answers_change", "over_triage_check"),
    (8, "baseline", "answers", "over_triage_check"),
    (9, "baseline", "answers", "over_triage_check"),
    (10, "baseline", "answers", "over_triage_check"),
    (11, "baseline", "answers", "over_triage_check"),
    (12, "base", "changes", "over_triage_check"),
    (13, "base", "answers", "over_triage"),
    (14, "baseline", "changes", "over_triage"),
    (15, "base", "answers", "over_triage"),
    (16, "base", "answers", "over_triage"),
    (17, "base", "answers", "over_triage"),
)
# Where a reviewer found its own criterion wrong, the correction, with the reviewer's reason; by
# review, since two reviewers may give the same id to different scenarios.
CORRECTED = {
    # "A subsection counts when its section leads" (review 4 on E15, as review 3 said before it).
    4: {"E15-acetaminophen-too-much": {}},
    5: {
        # NHS back pain lists pain worse on coughing or sneezing for an urgent appointment.
        "cough-sneeze": {"max": "urgent"},
        # The baclofen label warns against stopping it suddenly; leading with it is right.
        "baclofen-spasticity-stable": {"not_show": []},
    },
    7: {
        # The baclofen labels count rebound stiffness after skipped doses as withdrawal, and the
        # stopping page says call the emergency number for it.
        "very-stiff-oral-baclofen": {"level_max": "emergency"},
        # The NHS back pain page lists pain worse on coughing or sneezing for an urgent
        # appointment (confirmed by the reviewer with the search tool).
        "ot-cough-sneeze": {"level_max": "urgent"},
    },
    # The label says 2 to 3 weeks, so day 21 is still inside it; the tolerance section shows from
    # day 22.
    8: {"O03-cyclobenzaprine-3-weeks": {"must_show": []}},
    # Its L7: after alcohol, gentle movement may lead; the card says "if you feel steady on your
    # feet" and "stay with someone".
    10: {"alcohol-cyclo": {"must_not_lead": []}},
    # The 2-to-3-week limit is in the tolerance section, which the plan puts first.
    11: {"ot-cyclobenzaprine-long-use": {"must_show": ["tolerance"]}},
    # In its own words: the card says to stop a bought NSAID, and the NSAID box is a self-care
    # section, which no plan shows beside a warning sign (H5, H57); heat and ice may lead when no
    # warning sign is ticked ("a self-care lead is not unsafe").
    12: {
        "E12-vomit-blood-nsaid": {"must_show": []},
        "O04-long-recurring": {"must_not_lead": []},
        "O16-alcohol-no-symptoms": {"must_not_lead": []},
    },
    # On the same case: "mainly a fault of my criterion"; the card says to stop the NSAID.
    13: {"E11-GI-bleed-ibuprofen": {"must_show": []}},
}


def later_review(number: int, base_key: str, change_key: str):
    data = json.loads((Path(__file__).parent / f"review_scenarios_fresh_{number}.json").read_text(encoding="utf-8"))
    corrected = CORRECTED.get(number, {})
    # A reviewer's own corrections of its criteria, where it wrote them down ("revised": review 9).
    return [pytest.param(data[base_key], {**s, **s.get("revised", {}), **corrected.get(s["id"], {})}, change_key, id=s["id"])
            for s in data["scenarios"]]


@pytest.mark.parametrize("base, scenario, change", [
    param for number, base_key, change_key, _ in LATER_REVIEWS for param in later_review(number, base_key, change_key)
])
def test_later_review_scenario(base, scenario, change):
    plan = decision.plan({**base, **scenario[change]}).to_dict()
    name, lead = scenario["id"], plan["layout"]["lead"]
    low = scenario.get("min") or scenario.get("level_min") or scenario["expected_min"]
    high = scenario.get("max") or scenario.get("level_max") or scenario["expected_max"]
    assert LEVELS.index(low) <= LEVELS.index(plan["triage"]) <= LEVELS.index(high), (
        f"{name}: level {plan['triage']}, expected {low} to {high}")
    shown = {s["id"] for s in plan["show"]} | set(plan["always"]) | set(lead)
    visible = {s["id"] for s in plan["show"]} | set(lead)
    leading = set(lead) | {s for s in decision.section_ids() if decision.sections.top(s) in lead}
    assert not [s for s in scenario.get("must_show", scenario.get("show", [])) if s not in shown], name
    assert not [s for s in scenario.get("must_lead", scenario.get("lead", [])) if s not in leading], (name, lead)
    assert not [s for s in scenario.get("must_not_lead", []) if s in lead], (name, lead)
    assert not [s for s in scenario.get("must_not_show", scenario.get("not_show", [])) if s in visible], name
    text = card_text(plan)
    if local_facts()["country"] == "the US":  # the reviews read the US build
        assert not [w for w in scenario.get("card_words", []) if w.lower() not in text], (name, text)
        # Review 7: one of each group's words (e.g. "911" or "emergency").
        assert not [g for g in scenario.get("card_any", []) if not any(w.lower() in text for w in g)], (name, text)
        # Review 9: no urgency word in the card's title (its instruction) when nothing is urgent.
        title = CARDS[plan["card"]["id"]].title.format(**local_facts()).lower()
        assert not [w for w in scenario.get("title_not_words", []) if re.search(rf"\b{w}\b", title)], (name, title)
        # Review 9 read the words it forbids in the card's title and lines, its instruction (the
        # card's fixed text always says when to call the emergency number).
        said = " ".join((title, *plan["card"]["lines"])).lower() if scenario.get("card_words_in_title_or_lines") else text
        assert not [w for w in scenario.get("card_not_words", []) if w.lower() in said], (name, said)
    assert not MORE_MEDICINE.search(text), f"{name}: the card suggests more medicine"


def test_each_correction_names_a_scenario_of_its_own_review():
    """A correction whose id a review does not have would correct nothing, or another review's case."""
    for number, fixes in CORRECTED.items():
        data = json.loads((Path(__file__).parent / f"review_scenarios_fresh_{number}.json").read_text(encoding="utf-8"))
        assert set(fixes) <= {s["id"] for s in data["scenarios"]}, number


def test_the_later_reviews_check_over_triage_a_third_of_the_time():
    for number, _, _, flag in LATER_REVIEWS:
        file = f"review_scenarios_fresh_{number}.json"
        scenarios = json.loads((Path(__file__).parent / file).read_text(encoding="utf-8"))["scenarios"]
        assert len(scenarios) >= 30 and 3 * sum(bool(s.get(flag)) for s in scenarios) >= len(scenarios), file
