"""Every section id the checker can output exists on the site, with the right flags."""

from __future__ import annotations

import json

import decision
from answer_samples import sample_answer_sets

# The contract's page list, by hand: the ids the decision module may point at.
CONTRACT_IDS = {
    "why-not-working.md": ["not-a-muscle-problem", "nerve-pain", "joint-pain", "inflammation",
                           "wrong-class", "metabolism", "too-soon", "dose-and-timing", "tolerance",
                           "how-well-they-work", "interactions"],
    "relief-now.md": ["natural-course", "heat-and-ice", "gentle-movement", "otc-pain-relief"],
    "urgent.md": ["emergency-signs", "prompt-evaluation", "overdose-signs", "see-your-doctor-soon"],
    "doctor.md": ["what-to-tell-your-doctor", "treatment-changes", "no-changes-without-advice"],
    "safe-use.md": ["side-effects", "stopping-safely"],
    "longer-term.md": ["physical-therapy", "injections", "posture", "sleep-position"],
}
NESTED = {"nerve-pain": "not-a-muscle-problem", "joint-pain": "not-a-muscle-problem",
          "inflammation": "not-a-muscle-problem"}


def output_ids() -> set[str]:
    """Every id in show, fold or always over many plans, plus what the module declares."""
    ids = set(decision.section_ids()) | set(decision.ALWAYS_VISIBLE)
    for answers in sample_answer_sets(400, seed=2):
        plan = decision.plan(answers)
        ids |= {s.id for s in plan.show} | set(plan.fold) | set(plan.always)
    return ids


def test_section_ids_are_the_contract_page_list():
    assert sorted(decision.section_ids()) == sorted(i for ids in CONTRACT_IDS.values() for i in ids)
    for section in decision.sections.SECTIONS:
        assert section.id in CONTRACT_IDS[section.page]
        assert section.parent == NESTED.get(section.id)
    assert set(decision.ALWAYS_VISIBLE) <= set(decision.section_ids())


def test_every_output_id_is_in_the_built_manifest(site_dir):
    manifest = json.loads((site_dir / "assets/checker/sections.json").read_text(encoding="utf-8"))
    by_id = {entry["id"]: entry for entry in manifest}
    missing = output_ids() - set(by_id)
    assert not missing, f"the checker can output ids the site lacks: {sorted(missing)}"
    for section in decision.sections.SECTIONS:
        entry = by_id[section.id]
        assert entry["page"] == section.page, section.id
        assert entry["parent"] == section.parent, section.id
        assert entry["always"] == (section.id in decision.ALWAYS_VISIBLE), section.id
