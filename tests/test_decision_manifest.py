"""Every section id the checker can output exists on the site, with the right flags."""

from __future__ import annotations

import json

import decision
from decision.samples import sample_answer_sets

def output_ids() -> set[str]:
    """Every id in show, fold or always over many plans, plus what the module declares."""
    ids = set(decision.section_ids()) | set(decision.ALWAYS_VISIBLE)
    for answers in sample_answer_sets(400, seed=2):
        plan = decision.plan(answers)
        ids |= {s.id for s in plan.show} | set(plan.fold) | set(plan.always)
    return ids


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
