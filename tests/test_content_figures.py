"""The drawings as a phone shows them: labels at least the size of the body text, none cut off.

Each page is opened in Chromium 390 px wide (a common phone). A label's size on screen is its
SVG font size times the drawing's shown width over its viewBox width; it must be at least the
computed size of the page's body text. Each drawing is also opened on its own, and every label
must lie inside the drawing: with the wide fonts of this machine a label that runs past the
edge is cut off.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from support.browsers import NO_SERVICE_WORKER
from support.page_text import expected_pages, page_url

PHONE = {"width": 390, "height": 844}
SVG = "{http://www.w3.org/2000/svg}"
FIGURES = Path(__file__).resolve().parents[1] / "docs" / "assets" / "figures"


def label_sizes(svg_file: Path) -> tuple[float, list[tuple[str, float]]]:
    """The viewBox width and each <text>'s font size (its own, or the nearest group's)."""
    root = ET.parse(svg_file).getroot()
    view_width = float(root.get("viewBox").split()[2])
    sizes = []

    def walk(element, inherited):
        size = float(element.get("font-size", inherited)) if element.get("font-size") or inherited else None
        if element.tag == SVG + "text":
            assert size, f"{svg_file.name}: a label without a font size: {element.text!r}"
            sizes.append((element.text or "", size))
        for child in element:
            walk(child, size)

    walk(root, None)
    return view_width, sizes


def test_figure_labels_are_body_text_size_on_a_phone(site_server, site_dir, browser):
    context = browser.new_context(viewport=PHONE, **NO_SERVICE_WORKER)
    page = context.new_page()
    problems, measured = [], set()
    for name in expected_pages():
        page.goto(site_server.url + page_url(name))
        body = float(page.eval_on_selector(".md-typeset p", "p => getComputedStyle(p).fontSize").removesuffix("px"))
        shown = page.eval_on_selector_all(
            'article img[src$=".svg"]',
            "imgs => imgs.map(i => [i.src, i.getBoundingClientRect().width, i.complete && i.naturalWidth > 0])",
        )
        for src, width, loaded in shown:
            svg_file = site_dir / urlsplit(src).path.lstrip("/")
            measured.add(svg_file.name)
            if not loaded:
                problems.append(f"{name}: {svg_file.name} did not load")
                continue
            if width > PHONE["width"]:
                problems.append(f"{name}: {svg_file.name} is {width:.0f} px wide, wider than the phone")
            view_width, labels = label_sizes(svg_file)
            for text, size in labels:
                on_screen = size * width / view_width
                if on_screen < body - 0.05:
                    problems.append(
                        f"{name}: {svg_file.name} label {text!r} is {on_screen:.1f} px, body text {body:.0f} px"
                    )
    context.close()
    assert measured == {p.name for p in FIGURES.glob("*.svg")}, f"drawings measured: {sorted(measured)}"
    assert not problems, "\n".join(problems)


def test_figure_labels_fit_inside_the_drawing(site_server, browser):
    context = browser.new_context(**NO_SERVICE_WORKER)
    page = context.new_page()
    problems = []
    files = sorted(FIGURES.glob("*.svg"))
    assert files, "no drawings in docs/assets/figures"
    for svg_file in files:
        page.goto(f"{site_server.url}assets/figures/{svg_file.name}")
        outside = page.evaluate(
            """() => {
                const box = document.documentElement.getBoundingClientRect();
                return [...document.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()])
                  .filter(([, r]) => r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom)
                  .map(([text, r]) => `${text} (${Math.round(r.left)}..${Math.round(r.right)} of ${Math.round(box.width)})`);
            }"""
        )
        problems += [f"{svg_file.name}: label outside the drawing: {label}" for label in outside]
    context.close()
    assert not problems, "\n".join(problems)
