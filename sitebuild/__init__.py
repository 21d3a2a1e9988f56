"""Build-time helpers for the site: the sections extension, the manifest, the checker's HTML.

Runs only in CPython at build time; nothing here is shipped to the browser.
"""
