"""Reading a posting from its link (DESIGN.md §13): fetch the page, read its JobPosting.

* ``fetch``: one polite HTTP client (httpx): GET only, timeouts and an overall deadline,
  redirects followed by hand and recorded, a streaming size cap, an honest User-Agent,
  no cookies kept, a per-site delay and a small limit on requests at once.
* ``encoding``: bytes to text the way browsers do (BOM, header, ``<meta charset>``).
* ``html_text``: HTML to plain text (paragraphs, bullets), control characters removed.
* ``jobposting``: the schema.org ``JobPosting`` from JSON-LD or microdata, with an
  OpenGraph / ``<title>`` fallback, and the "no longer accepting applications" sentence.
* ``capture``: a page plus what was typed on the capture line becomes an application.
* ``check``: is a posting still up? Evidence for "taken down", or "could not check".

Nothing here imports Textual or touches the store except ``check.record_results``.
"""
