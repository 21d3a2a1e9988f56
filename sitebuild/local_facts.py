"""The local facts a reader calls on: declared once, in mkdocs.yml under `extra: local:`.

The pages write them as `[[emergency_number]]` (sitebuild.markdown_ext fills them in), the theme's
partials read `config.extra.local`, and the checker's cards and their tap-to-call buttons are
rendered with them (sitebuild.checker_html). mkdocs.yml hands the same block to the Markdown
extension with a YAML alias (`local: *local`), so a site for another country changes one block.
"""

from __future__ import annotations

import re

# Each key, with what it is (for the error that names a missing one).
KEYS: dict[str, str] = {
    "country": 'the country, as a sentence says it ("the US", "the UK")',
    "emergency_number": 'the emergency phone number, digits only ("911", "999")',
    "emergency_room": 'the name of the hospital emergency department ("emergency room", "A&E")',
    "poison_name": 'who to call after taking too much medicine ("Poison Help", "NHS 111")',
    "poison_number": 'their phone number ("1-800-222-1222", "111")',
    "poison_online_name": 'an online service for the same help ("webPOISONCONTROL", "NHS 111 online")',
    "poison_online_url": 'its address ("https://www.poison.org/", "https://111.nhs.uk/")',
    "urgent_care": 'where to get seen today without an appointment ("an urgent care clinic", "NHS 111")',
    "crisis_name": 'a free line for someone thinking of harming themselves ("the Suicide & Crisis Lifeline", "Samaritans")',
    "crisis_number": 'its phone number ("988", "116 123")',
}
TOKEN = re.compile(r"\[\[([a-z_]+)\]\]")


class LocalFactsError(ValueError):
    """mkdocs.yml's extra.local is missing a fact or holds one the site cannot use."""


def tel(number: str) -> str:
    """A tel: address for a phone number as people write it ("1-800-222-1222" -> "tel:18002221222")."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def check(local: object) -> dict[str, str]:
    """The facts, checked; with `emergency_tel`, `poison_tel` and `crisis_tel` added for tap-to-call
    links."""
    where = "mkdocs.yml, extra: local:"
    if not isinstance(local, dict) or not local:
        raise LocalFactsError(
            f"{where} is missing. It holds the phone numbers the pages and the checker give; see "
            "README.md, \"A site for another country\"."
        )
    missing = [key for key in KEYS if not str(local.get(key) or "").strip()]
    if missing:
        lines = "; ".join(f"{key}: {KEYS[key]}" for key in missing)
        raise LocalFactsError(f"{where} lacks {', '.join(missing)} ({lines}).")
    facts = {key: str(local[key]).strip() for key in KEYS}
    if not facts["emergency_number"].isdigit():
        raise LocalFactsError(
            f'{where} emergency_number must be digits only, as it is dialled, not "{facts["emergency_number"]}".'
        )
    facts["emergency_tel"] = tel(facts["emergency_number"])
    facts["poison_tel"] = tel(facts["poison_number"])
    facts["crisis_tel"] = tel(facts["crisis_number"])
    return facts


def fill(text: str, facts: dict[str, str]) -> str:
    """`text` with every [[key]] of the facts filled in; other [[...]] are left for the caller."""
    return TOKEN.sub(lambda match: facts.get(match.group(1), match.group(0)), text)


def fill_braces(text: str, facts: dict[str, str]) -> str:
    """decision's card words hold {emergency_number} and the like: the same facts, filled in."""
    return text.format(**facts)
