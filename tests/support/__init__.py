"""What the tests share, one module per kind of thing (the fixtures themselves are in conftest.py):

- project: where the repository and its built site are, mkdocs.yml, the local facts, a stale site
- servers: a static file server, nginx with its own config, ports
- browsers: Chromium's flags, the watch over a tab's requests and errors
- checker: driving the start page's checker as a reader does, and reading it back
- html: a built page's visible text and links, as a reader gets them
- webdriver: one WebDriver tab for WebKit and Firefox
- hosting_types: the Content-Type each file of the site needs
- samples: answer sets as a Hypothesis strategy (decision.samples has the rest)
- page_text: a built page's text in units of reading, and its sentences
- readability: the reading grade, the medical terms, every text decision shows
- safety_lint: the rules against advice to take more, mix, or wait
- seed_facts, review_facts: the facts each page must state
"""
