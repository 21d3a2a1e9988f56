"""Every rule's behaviour, pinned in one table a reader of rules.py can check by eye.

Each row gives answers that make the rule match, and what the plan must then be: its triage
level, its card, and every section shown in order with the rule that put it there. The rows
follow the rule table's order. Change a row only together with the guidance it comes from: each
is a clinical decision, not a detail of the code.

The reasons' words are not pinned here: each rule's is written once, in rules.py, and this table
checks only that a section gets its own rule's reason, quoting the answers. How each kind of
answer is quoted is pinned once (tests/test_decision_plan.py, tests/test_decision_rules.py), and
the published rule table's rows and links by tests/test_decision_rules.py.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest

import decision
from decision.rules import ORDERED
from decision.validate import validate


class Pin(NamedTuple):
    rule: str
    answers: dict
    triage: str
    card: str  # the card the plan shows (decision/cards.py)
    shows: list[tuple[str, str]]  # (section id, rule id), in the plan's order


PINS = [
    Pin(
        'withdrawal-emergency',
        {'red_flags': ['fever'], 'relaxer': 'baclofen', 'dose_pattern': 'stopped_suddenly'},
        'emergency', 'emergency',
        [('emergency-signs', 'withdrawal-emergency'), ('stopping-safely', 'withdrawal-emergency'), ('prompt-evaluation', 'urgent-warning-signs'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'baclofen-and-kidneys'), ('baclofen-kidneys', 'baclofen-and-kidneys')],
    ),
    Pin(
        'baclofen-skipped-withdrawal',
        {'red_flags': ['fever'], 'relaxer': 'baclofen', 'dose_pattern': 'lower_or_skipped', 'days_taken': 365},
        'emergency', 'emergency',
        [('emergency-signs', 'baclofen-skipped-withdrawal'), ('stopping-safely', 'baclofen-skipped-withdrawal'), ('prompt-evaluation', 'urgent-warning-signs'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'baclofen-and-kidneys'), ('baclofen-kidneys', 'baclofen-and-kidneys')],
    ),
    Pin(
        'emergency-warning-signs',
        {'red_flags': ['saddle_numbness']},
        'emergency', 'emergency',
        [('emergency-signs', 'emergency-warning-signs')],
    ),
    Pin(
        'sudden-weakness-or-stroke',
        {'red_flags': ['stroke_signs']},
        'emergency', 'emergency',
        [('emergency-signs', 'sudden-weakness-or-stroke')],
    ),
    Pin(
        'chest-pain',
        {'red_flags': ['chest_pain']},
        'emergency', 'emergency',
        [('emergency-signs', 'chest-pain')],
    ),
    Pin(
        'severe-allergy',
        {'red_flags': ['severe_allergy']},
        'emergency', 'emergency',
        [('emergency-signs', 'severe-allergy'), ('side-effects', 'severe-allergy')],
    ),
    Pin(
        'too-sleepy',
        {'red_flags': ['hard_to_wake']},
        'emergency', 'emergency',
        [('overdose-signs', 'too-sleepy'), ('emergency-signs', 'too-sleepy')],
    ),
    Pin(
        'fainting-or-fast-heartbeat',
        {'red_flags': ['fainting']},
        'emergency', 'emergency',
        [('emergency-signs', 'fainting-or-fast-heartbeat'), ('overdose-signs', 'fainting-or-fast-heartbeat')],
    ),
    Pin(
        'seizure',
        {'red_flags': ['seizure']},
        'emergency', 'emergency',
        [('emergency-signs', 'seizure'), ('overdose-signs', 'seizure')],
    ),
    Pin(
        'serotonin-syndrome',
        {'red_flags': ['serotonin_signs']},
        'emergency', 'emergency',
        [('emergency-signs', 'serotonin-syndrome'), ('interactions', 'serotonin-syndrome')],
    ),
    Pin(
        'serotonin-signs-combined',
        {'red_flags': ['fever', 'very_stiff'], 'relaxer': 'cyclobenzaprine', 'also_taking': ['serotonergic']},
        'emergency', 'emergency',
        [('emergency-signs', 'serotonin-signs-combined'), ('interactions', 'serotonin-signs-combined'), ('prompt-evaluation', 'serotonin-one-sign'), ('stopping-safely', 'much-stiffer'), ('side-effects', 'serotonin-mix'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('no-changes-without-advice', 'other-substances'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'maoi-reaction',
        {'red_flags': ['fever'], 'relaxer': 'cyclobenzaprine', 'also_taking': ['maoi']},
        'emergency', 'emergency',
        [('emergency-signs', 'maoi-reaction'), ('interactions', 'maoi-reaction'), ('prompt-evaluation', 'serotonin-one-sign'), ('side-effects', 'serotonin-mix'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('no-changes-without-advice', 'other-substances'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'aneurysm',
        {'red_flags': ['aneurysm'], 'age_65_or_older': True},
        'emergency', 'emergency',
        [('emergency-signs', 'aneurysm'), ('older-adults', 'older-adult')],
    ),
    Pin(
        'serotonin-mild-getting-worse',
        {'red_flags': ['fever'], 'also_taking': ['serotonin_mild']},
        'emergency', 'emergency',
        [('emergency-signs', 'serotonin-mild-getting-worse'), ('interactions', 'serotonin-mild-getting-worse'), ('prompt-evaluation', 'serotonin-mild')],
    ),
    Pin(
        'baclofen-pump',
        {'red_flags': ['baclofen_pump']},
        'emergency', 'emergency',
        [('emergency-signs', 'baclofen-pump'), ('stopping-safely', 'baclofen-pump')],
    ),
    Pin(
        'vomiting-blood',
        {'red_flags': ['vomiting_blood']},
        'emergency', 'emergency',
        [('emergency-signs', 'vomiting-blood')],
    ),
    Pin(
        'self-harm',
        {'red_flags': ['self_harm']},
        'emergency', 'crisis',
        [('emergency-signs', 'self-harm'), ('coping', 'self-harm')],
    ),
    Pin(
        'acetaminophen-liver-harm',
        {'red_flags': ['yellow_or_black'], 'also_taking': ['too_much_acetaminophen']},
        'emergency', 'emergency',
        [('emergency-signs', 'acetaminophen-liver-harm'), ('overdose-signs', 'acetaminophen-liver-harm'), ('acetaminophen-overdose', 'acetaminophen-liver-harm'), ('prompt-evaluation', 'liver-or-gut-signs'), ('side-effects', 'liver-or-gut-signs'), ('liver-side-effects', 'liver-or-gut-signs')],
    ),
    Pin(
        'serious-accident',
        {'red_flags': ['serious_accident']},
        'emergency', 'emergency',
        [('emergency-signs', 'serious-accident')],
    ),
    Pin(
        'more-than-prescribed-and-sedating',
        {'red_flags': ['none'], 'dose_pattern': 'more_than_prescribed', 'also_taking': ['alcohol']},
        'urgent', 'poison',
        [('overdose-signs', 'more-than-prescribed-and-sedating'), ('interactions', 'more-than-prescribed-and-sedating'), ('no-changes-without-advice', 'more-than-prescribed-and-sedating'), ('side-effects', 'other-substances')],
    ),
    Pin(
        'too-much-acetaminophen',
        {'red_flags': ['none'], 'also_taking': ['too_much_acetaminophen']},
        'urgent', 'poison',
        [('overdose-signs', 'too-much-acetaminophen'), ('acetaminophen-overdose', 'too-much-acetaminophen')],
    ),
    Pin(
        'more-than-prescribed',
        {'red_flags': ['none'], 'dose_pattern': 'more_than_prescribed'},
        'urgent', 'poison',
        [('overdose-signs', 'more-than-prescribed'), ('no-changes-without-advice', 'more-than-prescribed')],
    ),
    Pin(
        'serotonin-one-sign',
        {'red_flags': ['fever'], 'relaxer': 'cyclobenzaprine', 'also_taking': ['serotonergic']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'serotonin-one-sign'), ('interactions', 'serotonin-one-sign'), ('side-effects', 'serotonin-mix'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('no-changes-without-advice', 'other-substances'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'severe-pain-older',
        {'red_flags': ['severe_pain'], 'age_65_or_older': True},
        'urgent', 'urgent',
        [('prompt-evaluation', 'severe-pain-older'), ('emergency-signs', 'severe-pain-older'), ('older-adults', 'older-adult')],
    ),
    Pin(
        'stopped-suddenly-needs-care',
        {'red_flags': ['none'], 'dose_pattern': 'stopped_early', 'relaxer': 'baclofen'},
        'urgent', 'stopped',
        [('stopping-safely', 'stopped-suddenly-needs-care'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'baclofen-and-kidneys'), ('baclofen-kidneys', 'baclofen-and-kidneys')],
    ),
    Pin(
        'serotonin-mild',
        {'red_flags': ['none'], 'also_taking': ['serotonin_mild']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'serotonin-mild'), ('interactions', 'serotonin-mild')],
    ),
    Pin(
        'new-heartbeat',
        {'red_flags': ['none'], 'relaxer': 'cyclobenzaprine', 'also_taking': ['heartbeat']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'new-heartbeat'), ('side-effects', 'new-heartbeat'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'urgent-warning-signs',
        {'red_flags': ['weight_loss']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'urgent-warning-signs')],
    ),
    Pin(
        'liver-or-gut-signs',
        {'red_flags': ['yellow_or_black']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'liver-or-gut-signs'), ('side-effects', 'liver-or-gut-signs'), ('liver-side-effects', 'liver-or-gut-signs')],
    ),
    Pin(
        'liver-early-signs',
        {'red_flags': ['none'], 'relaxer': 'tizanidine', 'also_taking': ['liver_early']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'liver-early-signs'), ('side-effects', 'liver-early-signs'), ('liver-side-effects', 'liver-early-signs'), ('what-to-tell-your-doctor', 'on-a-relaxer')],
    ),
    Pin(
        'harmless-pee-color',
        {'red_flags': ['yellow_or_black'], 'relaxer': 'methocarbamol'},
        'urgent', 'urgent',
        [('prompt-evaluation', 'liver-or-gut-signs'), ('side-effects', 'liver-or-gut-signs'), ('liver-side-effects', 'liver-or-gut-signs'), ('what-to-tell-your-doctor', 'on-a-relaxer')],
    ),
    Pin(
        'worsening-nerve-signs',
        {'red_flags': ['worsening_numbness']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'worsening-nerve-signs'), ('not-a-muscle-problem', 'worsening-nerve-signs'), ('nerve-pain', 'worsening-nerve-signs')],
    ),
    Pin(
        'fall-or-injury',
        {'red_flags': ['serious_injury']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'fall-or-injury')],
    ),
    Pin(
        'tizanidine-raisers',
        {'red_flags': ['none'], 'relaxer': 'tizanidine', 'also_taking': ['tizanidine_raisers']},
        'urgent', 'mix',
        [('interactions', 'tizanidine-raisers'), ('no-changes-without-advice', 'tizanidine-raisers'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'other-substances'), ('liver-side-effects', 'liver-watch')],
    ),
    Pin(
        'maybe-tizanidine-raisers',
        {'red_flags': ['none'], 'relaxer': 'not_sure', 'also_taking': ['tizanidine_raisers']},
        'urgent', 'mix',
        [('interactions', 'maybe-tizanidine-raisers'), ('no-changes-without-advice', 'maybe-tizanidine-raisers'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'other-substances')],
    ),
    Pin(
        'cyclobenzaprine-and-maoi',
        {'red_flags': ['none'], 'relaxer': 'cyclobenzaprine', 'also_taking': ['maoi']},
        'urgent', 'mix',
        [('interactions', 'cyclobenzaprine-and-maoi'), ('side-effects', 'serotonin-mix'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('no-changes-without-advice', 'other-substances'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'much-stiffer',
        {'red_flags': ['very_stiff']},
        'urgent', 'urgent',
        [('prompt-evaluation', 'much-stiffer'), ('stopping-safely', 'much-stiffer')],
    ),
    Pin(
        'warning-signs-unanswered',
        {'sits_long': True},
        'see_doctor', 'ask',
        [('emergency-signs', 'warning-signs-unanswered'), ('posture', 'long-sitting')],
    ),
    Pin(
        'sedating-mix',
        {'red_flags': ['none'], 'also_taking': ['alcohol', 'sedating_prescriptions']},
        'see_doctor', 'see_doctor',
        [('overdose-signs', 'sedating-mix'), ('interactions', 'sedating-mix'), ('side-effects', 'other-substances'), ('no-changes-without-advice', 'other-substances'), ('see-your-doctor-soon', 'other-substances')],
    ),
    Pin(
        'benzodiazepine-and-sedating',
        {'red_flags': ['none'], 'relaxer': 'diazepam', 'also_taking': ['sedating_prescriptions']},
        'see_doctor', 'see_doctor',
        [('overdose-signs', 'benzodiazepine-and-sedating'), ('interactions', 'benzodiazepine-and-sedating'), ('dependence', 'benzodiazepine-and-sedating'), ('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'other-substances'), ('no-changes-without-advice', 'other-substances')],
    ),
    Pin(
        'gabapentinoid-mix',
        {'red_flags': ['none'], 'also_taking': ['gabapentinoid']},
        'see_doctor', 'see_doctor',
        [('overdose-signs', 'gabapentinoid-mix'), ('interactions', 'gabapentinoid-mix'), ('side-effects', 'other-substances'), ('no-changes-without-advice', 'other-substances'), ('see-your-doctor-soon', 'other-substances')],
    ),
    Pin(
        'serotonin-mix',
        {'red_flags': ['none'], 'relaxer': 'cyclobenzaprine', 'also_taking': ['serotonergic']},
        'see_doctor', 'see_doctor',
        [('interactions', 'serotonin-mix'), ('side-effects', 'serotonin-mix'), ('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('no-changes-without-advice', 'other-substances'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'alcohol-with-relaxer',
        {'red_flags': ['none'], 'also_taking': ['alcohol']},
        'see_doctor', 'see_doctor',
        [('interactions', 'alcohol-with-relaxer'), ('side-effects', 'other-substances'), ('no-changes-without-advice', 'other-substances'), ('see-your-doctor-soon', 'other-substances')],
    ),
    Pin(
        'older-and-sedating',
        {'red_flags': ['none'], 'age_65_or_older': True, 'also_taking': ['sedating_otc']},
        'see_doctor', 'see_doctor',
        [('older-adults', 'older-and-sedating'), ('interactions', 'older-and-sedating'), ('side-effects', 'other-substances'), ('no-changes-without-advice', 'other-substances'), ('see-your-doctor-soon', 'other-substances')],
    ),
    Pin(
        'stopped-suddenly',
        {'red_flags': ['none'], 'dose_pattern': 'stopped_suddenly', 'relaxer': 'cyclobenzaprine'},
        'see_doctor', 'see_doctor',
        [('stopping-safely', 'stopped-suddenly'), ('see-your-doctor-soon', 'stopped-suddenly'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'drying-side-effects'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'older-adult',
        {'red_flags': ['none'], 'age_65_or_older': True},
        'see_doctor', 'see_doctor',
        [('older-adults', 'older-adult')],
    ),
    Pin(
        'pregnant-or-breastfeeding',
        {'red_flags': ['none'], 'pregnant_or_breastfeeding': True},
        'see_doctor', 'see_doctor',
        [('pregnancy', 'pregnant-or-breastfeeding')],
    ),
    Pin(
        'first-days',
        {'red_flags': ['none'], 'days_taken': 2},
        'see_doctor', 'see_doctor',
        [('too-soon', 'first-days'), ('side-effects', 'first-days'), ('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer')],
    ),
    Pin(
        'on-a-relaxer',
        {'red_flags': ['none'], 'relaxer': 'methocarbamol'},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer')],
    ),
    Pin(
        'long-use-stopping',
        {'red_flags': ['none'], 'relaxer': 'baclofen', 'prescribed_for': 'spasticity_condition', 'days_taken': {'value': 3, 'unit': 'months'}},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('stopping-safely', 'long-use-stopping'), ('side-effects', 'baclofen-and-kidneys'), ('baclofen-kidneys', 'baclofen-and-kidneys')],
    ),
    Pin(
        'antispastic-for-strain',
        {'red_flags': ['none'], 'relaxer': 'baclofen', 'prescribed_for': 'recent_strain'},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('wrong-class', 'antispastic-for-strain'), ('treatment-changes', 'antispastic-for-strain'), ('side-effects', 'baclofen-and-kidneys'), ('baclofen-kidneys', 'baclofen-and-kidneys')],
    ),
    Pin(
        'antispasmodic-for-spasticity',
        {'red_flags': ['none'], 'relaxer': 'cyclobenzaprine', 'prescribed_for': 'spasticity_condition'},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('wrong-class', 'antispasmodic-for-spasticity'), ('treatment-changes', 'antispasmodic-for-spasticity'), ('side-effects', 'drying-side-effects'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'past-three-weeks',
        {'red_flags': ['none'], 'days_taken': 22, 'prescribed_for': 'recent_strain'},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('stopping-safely', 'long-use-stopping'), ('tolerance', 'past-three-weeks'), ('treatment-changes', 'past-three-weeks')],
    ),
    Pin(
        'low-dose-or-stopped',
        {'red_flags': ['none'], 'dose_pattern': 'lower_or_skipped'},
        'self_care', 'self_care',
        [('dose-and-timing', 'low-dose-or-stopped')],
    ),
    Pin(
        'other-substances',
        {'red_flags': ['none'], 'also_taking': ['sedating_otc']},
        'see_doctor', 'see_doctor',
        [('interactions', 'other-substances'), ('side-effects', 'other-substances'), ('no-changes-without-advice', 'other-substances'), ('see-your-doctor-soon', 'other-substances')],
    ),
    Pin(
        'shooting-pain',
        {'red_flags': ['none'], 'pain_pattern': ['shooting_or_radiating']},
        'see_doctor', 'see_doctor',
        [('not-a-muscle-problem', 'shooting-pain'), ('nerve-pain', 'shooting-pain'), ('see-your-doctor-soon', 'shooting-pain')],
    ),
    Pin(
        'joint-pain',
        {'red_flags': ['none'], 'pain_pattern': ['joint']},
        'self_care', 'self_care',
        [('not-a-muscle-problem', 'joint-pain'), ('joint-pain', 'joint-pain')],
    ),
    Pin(
        'swelling',
        {'red_flags': ['none'], 'pain_pattern': ['swelling']},
        'self_care', 'self_care',
        [('not-a-muscle-problem', 'swelling'), ('inflammation', 'swelling')],
    ),
    Pin(
        'taken-as-prescribed',
        {'red_flags': ['none'], 'dose_pattern': 'as_prescribed'},
        'self_care', 'self_care',
        [('metabolism', 'taken-as-prescribed'), ('how-well-they-work', 'taken-as-prescribed'), ('treatment-changes', 'taken-as-prescribed')],
    ),
    Pin(
        'recent-pain',
        {'red_flags': ['none'], 'pain_weeks': 6},
        'self_care', 'self_care',
        [('natural-course', 'recent-pain')],
    ),
    Pin(
        'heat-or-ice-not-tried',
        {'red_flags': ['none'], 'tried': ['stretching', 'otc_pain_relievers']},
        'self_care', 'self_care',
        [('heat-and-ice', 'heat-or-ice-not-tried'), ('otc-pain-relief', 'otc-relievers-tried'), ('acetaminophen-limits', 'otc-relievers-tried'), ('nsaid-limits', 'otc-relievers-tried')],
    ),
    Pin(
        'stretching-not-tried',
        {'red_flags': ['none'], 'tried': ['heat', 'otc_pain_relievers']},
        'self_care', 'self_care',
        [('heat-and-ice', 'heat-or-ice-not-tried'), ('gentle-movement', 'stretching-not-tried'), ('gentle-stretches', 'stretching-not-tried'), ('otc-pain-relief', 'otc-relievers-tried'), ('acetaminophen-limits', 'otc-relievers-tried'), ('nsaid-limits', 'otc-relievers-tried')],
    ),
    Pin(
        'otc-relievers-not-tried',
        {'red_flags': ['none'], 'tried': ['ice', 'stretching']},
        'self_care', 'self_care',
        [('heat-and-ice', 'heat-or-ice-not-tried'), ('otc-pain-relief', 'otc-relievers-not-tried')],
    ),
    Pin(
        'otc-relievers-tried',
        {'red_flags': ['none'], 'tried': ['otc_pain_relievers']},
        'self_care', 'self_care',
        [('heat-and-ice', 'heat-or-ice-not-tried'), ('gentle-movement', 'stretching-not-tried'), ('gentle-stretches', 'stretching-not-tried'), ('otc-pain-relief', 'otc-relievers-tried'), ('acetaminophen-limits', 'otc-relievers-tried'), ('nsaid-limits', 'otc-relievers-tried')],
    ),
    Pin(
        'habit-forming',
        {'red_flags': ['none'], 'relaxer': 'diazepam'},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('dependence', 'habit-forming')],
    ),
    Pin(
        'liver-watch',
        {'red_flags': ['none'], 'relaxer': 'dantrolene'},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'liver-watch'), ('liver-side-effects', 'liver-watch')],
    ),
    Pin(
        'baclofen-and-kidneys',
        {'red_flags': ['none'], 'relaxer': 'baclofen'},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'baclofen-and-kidneys'), ('baclofen-kidneys', 'baclofen-and-kidneys')],
    ),
    Pin(
        'drying-side-effects',
        {'red_flags': ['none'], 'relaxer': 'orphenadrine'},
        'see_doctor', 'see_doctor',
        [('see-your-doctor-soon', 'on-a-relaxer'), ('what-to-tell-your-doctor', 'on-a-relaxer'), ('side-effects', 'drying-side-effects'), ('cyclobenzaprine-orphenadrine', 'drying-side-effects')],
    ),
    Pin(
        'long-lasting-knot',
        {'red_flags': ['none'], 'pain_pattern': ['knot_or_cramp'], 'pain_weeks': 7},
        'see_doctor', 'see_doctor',
        [('physical-therapy', 'long-lasting-knot'), ('injections', 'long-lasting-knot'), ('see-your-doctor-soon', 'long-lasting-knot'), ('choices', 'long-lasting-pain'), ('coping', 'long-lasting-pain'), ('daily-life', 'long-lasting-pain')],
    ),
    Pin(
        'long-lasting-pain',
        {'red_flags': ['none'], 'recurring': True},
        'see_doctor', 'see_doctor',
        [('choices', 'long-lasting-pain'), ('physical-therapy', 'long-lasting-pain'), ('injections', 'long-lasting-pain'), ('coping', 'long-lasting-pain'), ('daily-life', 'long-lasting-pain'), ('see-your-doctor-soon', 'long-lasting-pain')],
    ),
    Pin(
        'long-sitting',
        {'red_flags': ['none'], 'sits_long': True},
        'self_care', 'self_care',
        [('posture', 'long-sitting')],
    ),
    Pin(
        'poor-sleep',
        {'red_flags': ['none'], 'sleep_disturbed': True},
        'self_care', 'self_care',
        [('sleep-position', 'poor-sleep')],
    ),
]



def test_every_rule_has_a_pin():
    assert [pin.rule for pin in PINS] == [rule.id for rule in ORDERED]


@pytest.mark.parametrize("pin", PINS, ids=[pin.rule for pin in PINS])
def test_rule_behaviour_is_pinned(pin):
    plan = decision.plan(pin.answers).to_dict()
    assert (plan["triage"], plan["card"]["id"]) == (pin.triage, pin.card)
    assert [(item["id"], item["rule"]) for item in plan["show"]] == pin.shows


RULES_BY_ID = {rule.id: rule for rule in ORDERED}


@pytest.mark.parametrize("pin", PINS, ids=[pin.rule for pin in PINS])
def test_each_section_shows_with_its_own_rules_reason(pin):
    """A section comes from a rule that names it, with that rule's own reason for these answers:
    one sentence that quotes them (never another rule's, never a bare template)."""
    answers = validate(pin.answers)
    for item in decision.plan(pin.answers).to_dict()["show"]:
        rule = RULES_BY_ID[item["rule"]]
        assert item["id"] in rule.shows, (item["id"], rule.id)
        assert item["reason"] == rule.reason_for(answers), (item["id"], rule.id)
        assert re.fullmatch(r"Shown because [^.!?{}]+\.", item["reason"]), item["reason"]


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
        ({**EVERYTHING_BUT_WARNING_SIGNS, "red_flags": ["none"]}, [
            ('see-your-doctor-soon', 'on-a-relaxer'),
            ('what-to-tell-your-doctor', 'on-a-relaxer'),
            ('wrong-class', 'antispasmodic-for-spasticity'),
            ('treatment-changes', 'antispasmodic-for-spasticity'),
            ('tolerance', 'past-three-weeks'),
            ('interactions', 'other-substances'),
            ('side-effects', 'other-substances'),
            ('no-changes-without-advice', 'other-substances'),
            ('not-a-muscle-problem', 'shooting-pain'),
            ('nerve-pain', 'shooting-pain'),
            ('joint-pain', 'joint-pain'),
            ('inflammation', 'swelling'),
            ('metabolism', 'taken-as-prescribed'),
            ('how-well-they-work', 'taken-as-prescribed'),
            ('heat-and-ice', 'heat-or-ice-not-tried'),
            ('gentle-movement', 'stretching-not-tried'),
            ('gentle-stretches', 'stretching-not-tried'),
            ('otc-pain-relief', 'otc-relievers-not-tried'),
            ('cyclobenzaprine-orphenadrine', 'drying-side-effects'),
            ('physical-therapy', 'long-lasting-knot'),
            ('injections', 'long-lasting-knot'),
            ('choices', 'long-lasting-pain'),
            ('coping', 'long-lasting-pain'),
            ('daily-life', 'long-lasting-pain'),
            ('posture', 'long-sitting'),
            ('sleep-position', 'poor-sleep'),
        ]),
        ({**FIRST_DAYS_ON_THE_WRONG_CLASS, "red_flags": ["none"]}, [
            ('too-soon', 'first-days'),
            ('side-effects', 'first-days'),
            ('see-your-doctor-soon', 'on-a-relaxer'),
            ('what-to-tell-your-doctor', 'on-a-relaxer'),
            ('wrong-class', 'antispastic-for-strain'),
            ('treatment-changes', 'antispastic-for-strain'),
            ('dose-and-timing', 'low-dose-or-stopped'),
            ('natural-course', 'recent-pain'),
            ('heat-and-ice', 'heat-or-ice-not-tried'),
            ('gentle-movement', 'stretching-not-tried'),
            ('gentle-stretches', 'stretching-not-tried'),
            ('otc-pain-relief', 'otc-relievers-not-tried'),
            ('baclofen-kidneys', 'baclofen-and-kidneys'),
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
        # The same limits in the other units a reader may answer in.
        ({"days_taken": {"value": 3, "unit": "weeks"}, "prescribed_for": "recent_strain"}, "past-three-weeks", False),
        ({"days_taken": {"value": 1, "unit": "months"}, "prescribed_for": "recent_strain"}, "past-three-weeks", True),
        ({"pain_weeks": {"value": 1, "unit": "months"}}, "long-lasting-pain", False),
        ({"pain_weeks": {"value": 2, "unit": "months"}}, "long-lasting-pain", True),
        ({"pain_weeks": {"value": 1, "unit": "years"}}, "recent-pain", False),
    ],
)
def test_number_limits_sit_where_the_guidance_puts_them(answers, rule, matches):
    assert (rule in matching(answers)) is matches


def test_the_rule_table_page_states_each_rules_level():
    rows = {
        line.split("|")[1].strip().strip("`"): line.split("|")[4].strip()
        for line in decision.rules_markdown().splitlines()
        if line.startswith("    | `")
    }
    names = decision.rules.LEVEL_NAMES
    expected = {
        rule.id: f"at least: {names[rule.triage]}" if rule.triage else "no change" for rule in ORDERED
    } | {"default": "Start with the relief steps"}
    assert rows == expected
    # In the reader's words, as the cards say them: never a level's code (issue 28).
    assert rows["emergency-warning-signs"] == "at least: Call the emergency number now"
    assert rows["urgent-warning-signs"] == "at least: Get seen today"
    assert rows["shooting-pain"] == "at least: Contact the doctor"
    assert not any(code in row for row in rows.values() for code in ("self_care", "see_doctor", "`urgent`"))


@pytest.mark.parametrize(
    "rule, when",
    [
        ("first-days", "Taken for: 2 days or less"),
        ("long-lasting-pain", "Pain has lasted: more than 6 weeks or Pain keeps coming back: yes"),
        ("otc-relievers-not-tried", 'Tried so far: answered, but "Over-the-counter pain relievers" not picked'),
        ("on-a-relaxer", "Muscle relaxer: any answer or Taken for: any answer"),
        ("long-sitting", "Sits for long periods most days: yes"),
        ("too-sleepy", 'Warning signs: "Too sleepy to stay awake, hard to wake, confused, seeing or hearing things that are not there, '
                       'or breathing slowly" picked'),
        ("warning-signs-unanswered", "Warning signs: not answered"),
        ("sedating-mix", 'Also had: "Alcohol (beer, wine or liquor)" picked and Also had: "Prescription medicines '
                         'that make you sleepy (for pain, sleep or anxiety)" picked'),
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
