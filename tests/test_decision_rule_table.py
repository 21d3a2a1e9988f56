"""Every rule's whole behaviour, pinned in one table a reader of rules.py can check by eye.

Each row gives answers that make the rule match, and what the plan must then be: its triage
level, every section shown in order with the rule that put it there, and the reason the rule
gives. The rows follow the rule table's order. Change a row only together with the guidance it
comes from: each is a clinical decision, not a detail of the code.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

import decision
from decision.rules import ORDERED


class Pin(NamedTuple):
    rule: str
    answers: dict
    triage: str
    shows: list[tuple[str, str]]  # (section id, rule id), in the plan's order
    reason: str  # what this rule says about its first section


PINS = [
    Pin(
        'emergency-warning-signs',
        {'red_flags': ['saddle_numbness']},
        'emergency',
        [('emergency-signs', 'emergency-warning-signs')],
        'Shown because you said you have numbness or tingling around your genitals, bottom or inner thighs.',
    ),
    Pin(
        'too-sleepy',
        {'red_flags': ['hard_to_wake']},
        'emergency',
        [('overdose-signs', 'too-sleepy'), ('emergency-signs', 'too-sleepy')],
        'Shown because you said you have severe sleepiness, confusion or slow breathing.',
    ),
    Pin(
        'urgent-warning-signs',
        {'red_flags': ['weight_loss']},
        'urgent',
        [('prompt-evaluation', 'urgent-warning-signs')],
        'Shown because you said you have lost weight without trying.',
    ),
    Pin(
        'more-than-prescribed-and-sedating',
        {'dose_pattern': 'more_than_prescribed', 'also_taking': ['alcohol']},
        'urgent',
        [('overdose-signs', 'more-than-prescribed-and-sedating'), ('no-changes-without-advice', 'more-than-prescribed-and-sedating'), ('dose-and-timing', 'more-than-prescribed'), ('interactions', 'other-substances'), ('side-effects', 'other-substances')],
        'Shown because you said you took more than prescribed and you have also had alcohol.',
    ),
    Pin(
        'stopped-suddenly-needs-care',
        {'dose_pattern': 'stopped_suddenly', 'relaxer': 'baclofen'},
        'urgent',
        [('stopping-safely', 'stopped-suddenly-needs-care'), ('what-to-tell-your-doctor', 'on-a-relaxer')],
        'Shown because you said you stopped it all at once after taking it every day and you take baclofen.',
    ),
    Pin(
        'more-than-prescribed',
        {'dose_pattern': 'more_than_prescribed'},
        'see_doctor',
        [('dose-and-timing', 'more-than-prescribed'), ('no-changes-without-advice', 'more-than-prescribed'), ('see-your-doctor-soon', 'more-than-prescribed')],
        "Shown because you said you took more than prescribed, which is not safe without your doctor's advice, so tell them.",
    ),
    Pin(
        'stopped-suddenly',
        {'dose_pattern': 'stopped_suddenly'},
        'see_doctor',
        [('stopping-safely', 'stopped-suddenly'), ('see-your-doctor-soon', 'stopped-suddenly')],
        'Shown because you said you stopped it all at once after taking it every day.',
    ),
    Pin(
        'first-days',
        {'days_taken': 2},
        'see_doctor',
        [('too-soon', 'first-days'), ('side-effects', 'first-days'), ('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer')],
        'Shown because you said you have taken it for 2 days.',
    ),
    Pin(
        'on-a-relaxer',
        {'relaxer': 'methocarbamol'},
        'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer')],
        'Shown because you said you take methocarbamol.',
    ),
    Pin(
        'antispastic-for-strain',
        {'relaxer': 'baclofen', 'prescribed_for': 'recent_strain'},
        'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('wrong-class', 'antispastic-for-strain'), ('treatment-changes', 'antispastic-for-strain')],
        'Shown because you said you take baclofen and it was prescribed for a recent injury, strain or spasm.',
    ),
    Pin(
        'antispasmodic-for-spasticity',
        {'relaxer': 'cyclobenzaprine', 'prescribed_for': 'spasticity_condition'},
        'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('wrong-class', 'antispasmodic-for-spasticity'), ('treatment-changes', 'antispasmodic-for-spasticity')],
        'Shown because you said you take cyclobenzaprine and it was prescribed for spasticity from a long-term condition.',
    ),
    Pin(
        'past-three-weeks',
        {'days_taken': 22, 'prescribed_for': 'recent_strain'},
        'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('tolerance', 'past-three-weeks'), ('treatment-changes', 'past-three-weeks')],
        'Shown because you said you have taken it for 22 days and it was prescribed for a recent injury, strain or spasm.',
    ),
    Pin(
        'low-dose-or-stopped',
        {'dose_pattern': 'lower_or_skipped'},
        'self_care',
        [('dose-and-timing', 'low-dose-or-stopped')],
        'Shown because you said you took a lower dose or skipped doses.',
    ),
    Pin(
        'other-substances',
        {'also_taking': ['sedating_otc']},
        'see_doctor',
        [('interactions', 'other-substances'), ('side-effects', 'other-substances'), ('no-changes-without-advice', 'other-substances'), ('see-your-doctor-soon', 'other-substances')],
        'Shown because you said you have also had over-the-counter medicines that make you sleepy.',
    ),
    Pin(
        'shooting-pain',
        {'pain_pattern': ['shooting_or_radiating']},
        'see_doctor',
        [('not-a-muscle-problem', 'shooting-pain'), ('nerve-pain', 'shooting-pain'), ('see-your-doctor-soon', 'shooting-pain')],
        'Shown because you said your pain shoots or spreads.',
    ),
    Pin(
        'joint-pain',
        {'pain_pattern': ['joint']},
        'self_care',
        [('not-a-muscle-problem', 'joint-pain'), ('joint-pain', 'joint-pain')],
        'Shown because you said your pain is in a joint.',
    ),
    Pin(
        'swelling',
        {'pain_pattern': ['swelling']},
        'self_care',
        [('not-a-muscle-problem', 'swelling'), ('inflammation', 'swelling')],
        'Shown because you said your pain comes with swelling.',
    ),
    Pin(
        'taken-as-prescribed',
        {'dose_pattern': 'as_prescribed'},
        'self_care',
        [('metabolism', 'taken-as-prescribed'), ('how-well-they-work', 'taken-as-prescribed'), ('treatment-changes', 'taken-as-prescribed')],
        'Shown because you said you take it as prescribed.',
    ),
    Pin(
        'recent-pain',
        {'pain_weeks': 6},
        'self_care',
        [('natural-course', 'recent-pain')],
        'Shown because you said the pain has lasted 6 weeks.',
    ),
    Pin(
        'heat-or-ice-not-tried',
        {'tried': ['stretching', 'otc_pain_relievers']},
        'self_care',
        [('heat-and-ice', 'heat-or-ice-not-tried')],
        'Shown because you said you have not tried heat or ice.',
    ),
    Pin(
        'stretching-not-tried',
        {'tried': ['heat', 'otc_pain_relievers']},
        'self_care',
        [('heat-and-ice', 'heat-or-ice-not-tried'), ('gentle-movement', 'stretching-not-tried')],
        'Shown because you said you have not tried gentle stretching.',
    ),
    Pin(
        'otc-relievers-not-tried',
        {'tried': ['ice', 'stretching']},
        'self_care',
        [('heat-and-ice', 'heat-or-ice-not-tried'), ('otc-pain-relief', 'otc-relievers-not-tried')],
        'Shown because you said you have not tried over-the-counter pain relievers.',
    ),
    Pin(
        'long-lasting-knot',
        {'pain_pattern': ['knot_or_cramp'], 'pain_weeks': 7},
        'see_doctor',
        [('injections', 'long-lasting-knot'), ('see-your-doctor-soon', 'long-lasting-knot'), ('physical-therapy', 'long-lasting-pain')],
        'Shown because you said your pain feels like a knot or cramp in the muscle and the pain has lasted 7 weeks.',
    ),
    Pin(
        'long-lasting-pain',
        {'recurring': True},
        'see_doctor',
        [('physical-therapy', 'long-lasting-pain'), ('injections', 'long-lasting-pain'), ('see-your-doctor-soon', 'long-lasting-pain')],
        'Shown because you said the pain keeps coming back.',
    ),
    Pin(
        'long-sitting',
        {'sits_long': True},
        'self_care',
        [('posture', 'long-sitting')],
        'Shown because you said you sit for long periods.',
    ),
    Pin(
        'poor-sleep',
        {'sleep_disturbed': True},
        'self_care',
        [('sleep-position', 'poor-sleep')],
        'Shown because you said the pain disturbs your sleep.',
    ),
]


def test_every_rule_has_a_pin():
    assert [pin.rule for pin in PINS] == [rule.id for rule in ORDERED]


@pytest.mark.parametrize("pin", PINS, ids=[pin.rule for pin in PINS])
def test_rule_behaviour_is_pinned(pin):
    plan = decision.plan(pin.answers).to_dict()
    assert plan["triage"] == pin.triage
    assert [(item["id"], item["rule"]) for item in plan["show"]] == pin.shows
    assert next(item["reason"] for item in plan["show"] if item["rule"] == pin.rule) == pin.reason


# Many rules at once: the order of "Your topics" is the rule table's priority order, so a rule
# moved up or down the table moves its sections here.
EVERYTHING_BUT_WARNING_SIGNS = {
    "relaxer": "cyclobenzaprine", "prescribed_for": "spasticity_condition", "days_taken": 30,
    "dose_pattern": "as_prescribed", "also_taking": ["sedating_prescriptions"],
    "pain_pattern": ["shooting_or_radiating", "joint", "swelling", "knot_or_cramp"],
    "pain_weeks": 8, "recurring": True, "tried": ["none"], "sits_long": True, "sleep_disturbed": True,
}
FIRST_DAYS_ON_THE_WRONG_CLASS = {
    "relaxer": "baclofen", "prescribed_for": "recent_strain", "days_taken": 1,
    "dose_pattern": "lower_or_skipped", "pain_pattern": ["knot_or_cramp"], "pain_weeks": 2, "tried": ["heat"],
}


@pytest.mark.parametrize(
    "answers, shows",
    [
        (EVERYTHING_BUT_WARNING_SIGNS, [
            ("see-your-doctor-soon", "on-a-relaxer"), ("what-to-tell-your-doctor", "on-a-relaxer"),
            ("wrong-class", "antispasmodic-for-spasticity"), ("treatment-changes", "antispasmodic-for-spasticity"),
            ("tolerance", "past-three-weeks"), ("interactions", "other-substances"),
            ("side-effects", "other-substances"), ("no-changes-without-advice", "other-substances"),
            ("not-a-muscle-problem", "shooting-pain"), ("nerve-pain", "shooting-pain"),
            ("joint-pain", "joint-pain"), ("inflammation", "swelling"),
            ("metabolism", "taken-as-prescribed"), ("how-well-they-work", "taken-as-prescribed"),
            ("heat-and-ice", "heat-or-ice-not-tried"), ("gentle-movement", "stretching-not-tried"),
            ("otc-pain-relief", "otc-relievers-not-tried"), ("injections", "long-lasting-knot"),
            ("physical-therapy", "long-lasting-pain"), ("posture", "long-sitting"),
            ("sleep-position", "poor-sleep"),
        ]),
        (FIRST_DAYS_ON_THE_WRONG_CLASS, [
            ("too-soon", "first-days"), ("side-effects", "first-days"),
            ("see-your-doctor-soon", "on-a-relaxer"), ("what-to-tell-your-doctor", "on-a-relaxer"),
            ("wrong-class", "antispastic-for-strain"), ("treatment-changes", "antispastic-for-strain"),
            ("dose-and-timing", "low-dose-or-stopped"), ("natural-course", "recent-pain"),
            ("heat-and-ice", "heat-or-ice-not-tried"), ("gentle-movement", "stretching-not-tried"),
            ("otc-pain-relief", "otc-relievers-not-tried"),
        ]),
    ],
    ids=["everything but warning signs", "first days on the wrong class"],
)
def test_topics_come_in_rule_table_order(answers, shows):
    assert [(item["id"], item["rule"]) for item in decision.plan(answers).to_dict()["show"]] == shows


def matching(answers: dict) -> list[str]:
    return [rule.id for rule in ORDERED if rule.when.matches(answers)]


# Each number limit, one step either side: the guidance's "two to three weeks", the first days
# a relaxer may need, and six weeks for pain that lasts.
@pytest.mark.parametrize(
    "answers, rule, matches",
    [
        ({"days_taken": 21, "prescribed_for": "recent_strain"}, "past-three-weeks", False),
        ({"days_taken": 22, "prescribed_for": "recent_strain"}, "past-three-weeks", True),
        ({"days_taken": 2}, "first-days", True),
        ({"days_taken": 3}, "first-days", False),
        ({"pain_weeks": 6}, "recent-pain", True),
        ({"pain_weeks": 7}, "recent-pain", False),
        ({"pain_weeks": 6}, "long-lasting-pain", False),
        ({"pain_weeks": 7}, "long-lasting-pain", True),
        ({"pain_pattern": ["knot_or_cramp"], "pain_weeks": 6}, "long-lasting-knot", False),
        ({"pain_pattern": ["knot_or_cramp"], "pain_weeks": 7}, "long-lasting-knot", True),
    ],
)
def test_number_limits_sit_where_the_guidance_puts_them(answers, rule, matches):
    assert (rule in matching(answers)) is matches


def test_the_rule_table_page_states_each_rules_level():
    rows = {
        line.split("|")[1].strip().strip("`"): line.split("|")[4].strip()
        for line in decision.rules_markdown().splitlines()[2:]
    }
    expected = {
        rule.id: f"at least `{rule.triage}`" if rule.triage else "no change" for rule in ORDERED
    } | {"default": "`self_care`"}
    assert rows == expected
    assert rows["emergency-warning-signs"] == "at least `emergency`"
    assert rows["urgent-warning-signs"] == "at least `urgent`"
    assert rows["shooting-pain"] == "at least `see_doctor`"


@pytest.mark.parametrize(
    "rule, when",
    [
        ("first-days", "Days taken so far: 2 days or less"),
        ("long-lasting-pain", "Pain has lasted: more than 6 weeks or Pain keeps coming back: yes"),
        ("otc-relievers-not-tried", 'Tried so far: answered, but "Over-the-counter pain relievers" not picked'),
        ("on-a-relaxer", "Muscle relaxer: any answer or Days taken so far: any answer"),
        ("long-sitting", "Sits for long periods most days: yes"),
        ("too-sleepy", 'Warning signs: "Very sleepy or hard to wake, confused, or breathing slowly" picked'),
        ("more-than-prescribed", 'How it has been taken: "More than prescribed"'),
        ("heat-or-ice-not-tried",
         'Tried so far: answered, but "Heat (such as a heating pad or warm shower)" or "Ice or a cold pack" not picked'),
        ("long-lasting-knot",
         'Pain: "A tight knot or cramp in the muscle" picked and '
         "(Pain has lasted: more than 6 weeks or Pain keeps coming back: yes)"),
        ("antispastic-for-strain",
         'Muscle relaxer: "Baclofen" or "Dantrolene" and Prescribed for: "A recent injury, strain or spasm"'),
    ],
)
def test_the_rule_table_page_says_when_each_kind_of_condition_matches(rule, when):
    assert next(r for r in ORDERED if r.id == rule).when.describe() == when
