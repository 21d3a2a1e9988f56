"""The sections the checker can point to, page by page, and what a plan needs to know of each.

The headings in docs/ declare the sections (id, title, always-visible); this list holds
only what the plan's layout needs and a heading cannot say: the page and parent, so the plan can
say which top-level sections lead on each page, and the role, so an urgent plan never leads with
self-care. The build checks every entry against the rendered pages (sitebuild.manifest): the
page, the parent and data-always must agree, and a page's top-level headings must all be here in
the order written (a tailored page keeps that order for what it does not move), or the build
stops naming the heading to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

# Roles: what a section is for, as far as the plan's safety policy goes.
WARNING = "warning"  # the warning signs and what to do about them: never moved below others
SELF_CARE = "self_care"  # relief to try at home: never leads beside an urgent sign
LONG_TERM = "long_term"  # treatments that take weeks: never leads beside an urgent sign
EFFICACY = "efficacy"  # why the drug may not be working, and changing it: never leads beside an urgent sign
ROUTINE = "routine"  # "it is not an emergency" advice: never shown beside an urgent sign
SAFETY = "safety"  # safe-use text that is never folded away
INFO = "info"  # everything else
AS_WRITTEN = "as_written"  # a heading no rule shows: never folded, kept where it is written

# Stances: what a section tells the reader to do with the medicine. A plan never shows two that
# conflict (CONFLICTS); the safer one wins (engine.plan drops the other).
GO_ON = "go on as prescribed"  # "take it the way you were told", "stopping too soon ..."
GET_HELP = "stop and get help"  # call for help now; take no more until someone says what to do
# "Do not change it on your own; do not stop it all at once": right beside most answers, wrong
# beside a sign that the medicine may be doing harm, where the reader must ask before the next dose.
AS_IS = "change nothing on your own"
NEUTRAL = ""
# (the stance that gives way, the stance that wins)
CONFLICTS: tuple[tuple[str, str], ...] = ((GO_ON, GET_HELP),)
# The stances never shown beside a sign that the medicine may be doing harm (warning_signs.Sign.harm):
# the card asks the reader to ask before the next dose instead (cards.next_dose_line).
NOT_BESIDE_HARM: tuple[str, ...] = (GO_ON, AS_IS)


@dataclass(frozen=True)
class Section:
    id: str
    page: str  # Markdown file under docs/, for links in the rule table
    role: str = INFO
    parent: str | None = None  # the h2 an h3 sits in: folding the parent would hide the child
    stance: str = NEUTRAL  # what it says to do with the medicine (GO_ON, GET_HELP)


# Page order, then heading order: the fold list follows it, so it is stable. Every top-level
# heading of these pages is here, in the page's order (page_layout.WRITTEN; the build checks it).
SECTIONS: tuple[Section, ...] = (
    Section("emergency-signs", "urgent.md", WARNING, stance=GET_HELP),
    Section("prompt-evaluation", "urgent.md", WARNING),
    Section("overdose-signs", "urgent.md", WARNING, stance=GET_HELP),
    Section("acetaminophen-overdose", "urgent.md", WARNING, parent="overdose-signs", stance=GET_HELP),
    Section("see-your-doctor-soon", "urgent.md", ROUTINE),
    Section("not-a-muscle-problem", "why-not-working.md"),
    Section("nerve-pain", "why-not-working.md", parent="not-a-muscle-problem"),
    Section("joint-pain", "why-not-working.md", parent="not-a-muscle-problem"),
    Section("inflammation", "why-not-working.md", parent="not-a-muscle-problem"),
    Section("wrong-class", "why-not-working.md", EFFICACY),
    Section("metabolism", "why-not-working.md", EFFICACY),
    Section("too-soon", "why-not-working.md", EFFICACY, stance=GO_ON),
    Section("dose-and-timing", "why-not-working.md", EFFICACY, stance=GO_ON),
    Section("tolerance", "why-not-working.md", EFFICACY),
    Section("how-well-they-work", "why-not-working.md", EFFICACY),
    Section("interactions", "why-not-working.md"),
    Section("natural-course", "relief-now.md", SELF_CARE),
    Section("heat-and-ice", "relief-now.md", SELF_CARE),
    Section("gentle-movement", "relief-now.md", SELF_CARE),
    Section("gentle-stretches", "relief-now.md", SELF_CARE, parent="gentle-movement"),
    Section("otc-pain-relief", "relief-now.md", SELF_CARE),
    Section("acetaminophen-limits", "relief-now.md", SELF_CARE, parent="otc-pain-relief"),
    Section("nsaid-limits", "relief-now.md", SELF_CARE, parent="otc-pain-relief"),
    Section("what-to-tell-your-doctor", "doctor.md"),
    Section("treatment-changes", "doctor.md", EFFICACY),
    Section("no-changes-without-advice", "doctor.md", SAFETY, stance=AS_IS),
    Section("side-effects", "safe-use.md"),
    Section("liver-side-effects", "safe-use.md", parent="side-effects"),
    Section("cyclobenzaprine-orphenadrine", "safe-use.md", parent="side-effects"),
    Section("baclofen-kidneys", "safe-use.md", parent="side-effects"),
    Section("dependence", "safe-use.md"),
    Section("stopping-safely", "safe-use.md"),
    Section("everyday-use", "safe-use.md", AS_WRITTEN),
    Section("older-adults", "safe-use.md", SAFETY),
    Section("pregnancy", "safe-use.md", SAFETY),
    Section("choices", "longer-term.md", LONG_TERM),
    Section("physical-therapy", "longer-term.md", LONG_TERM),
    Section("injections", "longer-term.md", LONG_TERM),
    Section("posture", "longer-term.md", LONG_TERM),
    Section("sleep-position", "longer-term.md", LONG_TERM),
    Section("coping", "longer-term.md", LONG_TERM),
    Section("daily-life", "longer-term.md", LONG_TERM),
)

BY_ID: dict[str, Section] = {s.id: s for s in SECTIONS}

# Never folded, whatever the answers: safety text must not depend on what a reader clicked.
ALWAYS_VISIBLE: tuple[str, ...] = tuple(s.id for s in SECTIONS if s.role in (WARNING, SAFETY))

# Beside an urgent or emergency plan these never lead: a reader with a warning sign is told what
# to do now, not what to try at home, what takes weeks, why the drug may not be working, or to
# just call the prescriber; unless a rule of the plan's own level shows one as what to do now
# (engine.plan). A section inside one (an h3) goes with it: leading with it would lead with its
# parent.
NOT_FOR_URGENT: tuple[str, ...] = tuple(
    s.id for s in SECTIONS if BY_ID[s.parent or s.id].role in (SELF_CARE, LONG_TERM, ROUTINE, EFFICACY)
)


def giving_way(section_ids) -> set[str]:
    """Of these sections, the ones whose stance conflicts with another's and gives way to it."""
    stances = {BY_ID[section_id].stance for section_id in section_ids}
    losing = {loser for loser, winner in CONFLICTS if winner in stances}
    return {section_id for section_id in section_ids if BY_ID[section_id].stance in losing}


def section_ids() -> list[str]:
    """Every section id the module can ever output (in show, fold or always)."""
    return [s.id for s in SECTIONS if s.role != AS_WRITTEN]


def top(section_id: str) -> str:
    """The top-level section (h2) a section sits in: itself when it is one."""
    return BY_ID[section_id].parent or section_id


def link(section_id: str, text: str | None = None) -> str:
    """A Markdown link to the section, relative to a page in docs/ (all pages sit side by side)."""
    return f"[{text or section_id}]({BY_ID[section_id].page}#{section_id})"
