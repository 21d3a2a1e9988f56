"""The emergency path in Firefox ESR (Gecko), at the root and under a sub-path.

Debian has no geckodriver, so Firefox is driven through its own Marionette protocol
(scripts/marionette_session.py), one headless session for the module. The path is the one
that matters most (support.webdriver.emergency_path): an emergency sign's card with its
tap-to-call link at once, then "Show my plan now" and the plan's emergency card. Marked
`firefox` (and `browser`) by conftest.
"""

from __future__ import annotations

import pytest
from support.webdriver import emergency_path


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_an_emergency_sign_shows_the_call_card_then_the_plan(firefox, site_server, subpath_server, where):
    emergency_path(firefox, site_server.url if where == "root" else subpath_server.url)
