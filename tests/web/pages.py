"""Job pages in the shapes applicant-tracking systems publish (written for these tests;
every name, address and text is made up). Served by ``conftest.job_site``."""

from __future__ import annotations

import json

FUTURE = "2027-01-31"
PAST = "2026-10-31"

DESCRIPTION_HTML = (
    "<p>Acme Robotics builds warehouse robots.</p>"
    "<h3>What you will do</h3><ul><li>Design <b>Python</b> services</li><li>Run them on-call</li></ul>"
    "<p>Only shortlisted candidates will be contacted. Please, no phone calls.</p>"
)


def _ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# A hosted job board page: JSON-LD in the head, the description HTML-escaped inside it.
GREENHOUSE_LIKE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Job Application for Backend Engineer at Acme Robotics</title>
<meta property="og:title" content="Backend Engineer">
{
    _ld(
        {
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": "Backend Engineer",
            "description": DESCRIPTION_HTML.replace("<", "&lt;").replace(">", "&gt;"),
            "datePosted": "2026-11-02",
            "validThrough": FUTURE + "T23:59:59Z",
            "employmentType": "FULL_TIME",
            "hiringOrganization": {"@type": "Organization", "name": "Acme Robotics", "logo": "/logo.png"},
            "jobLocation": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Berlin",
                    "addressRegion": "BE",
                    "addressCountry": "DE",
                },
            },
        }
    )
}
</head><body><div id="app"><h1 class="app-title">Backend Engineer</h1>
<div class="company-name">at Acme Robotics</div><div id="content">{DESCRIPTION_HTML}</div>
<form id="application_form" method="post"><input name="first_name"></form></div></body></html>"""

# A lever-like page: an @graph, employment types as a list, remote, description as plain text.
_GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Initech careers"},
        {
            "@type": ["JobPosting"],
            "title": "Platform Engineer",
            "datePosted": "2026-11-20",
            "employmentType": ["FULL_TIME", "CONTRACTOR"],
            "jobLocationType": "TELECOMMUTE",
            "jobLocation": [
                {
                    "@type": "Place",
                    "address": {
                        "addressLocality": "Austin",
                        "addressCountry": {"@type": "Country", "name": "US"},
                    },
                }
            ],
            "hiringOrganization": "Initech",
            "description": "We run the platform.\nNo agencies please.\nWe will decide by 2026-12-15.",
        },
    ],
}
GRAPH_REMOTE = f"""<html><head><title>Initech - Platform Engineer</title>
{_ld(_GRAPH)}</head><body><div class="posting-headline"><h2>Platform Engineer</h2></div></body></html>"""

# An older careers page with schema.org microdata, no JSON-LD.
MICRODATA = """<html><head><title>Careers | Globex</title></head><body>
<div itemscope itemtype="http://schema.org/JobPosting">
  <h1 itemprop="title">Data Analyst</h1>
  <div itemprop="hiringOrganization" itemscope itemtype="http://schema.org/Organization">
    <span itemprop="name">Globex Corporation</span></div>
  <meta itemprop="datePosted" content="2026-11-10">
  <time itemprop="validThrough" datetime="2027-02-01">1 February 2027</time>
  <span itemprop="employmentType">PART_TIME</span>
  <div itemprop="jobLocation" itemscope itemtype="http://schema.org/Place">
    <div itemprop="address" itemscope itemtype="http://schema.org/PostalAddress">
      <span itemprop="addressLocality">Springfield</span>,
      <span itemprop="addressRegion">OR</span></div></div>
  <div itemprop="description"><p>Dashboards for the sales team.</p><ul><li>SQL</li><li>Patience</li></ul>
  <p>Please do not follow up on your application.</p></div>
</div></body></html>"""

# No structured data at all: OpenGraph only.
OPENGRAPH_ONLY = """<html><head><title>Careers</title>
<meta property="og:title" content="Site Reliability Engineer - Hooli">
<meta property="og:site_name" content="Hooli">
<meta property="og:description" content="Keep Hooli up. No phone calls.">
</head><body><h1>Site Reliability Engineer</h1></body></html>"""

# Nothing but a <title>.
TITLE_ONLY = """<html><head><title>Job Application for QA Engineer at Vandelay Industries</title></head>
<body><p>Apply below.</p></body></html>"""

# The general listing a closed job redirects to.
LISTING = """<html><head><title>Jobs at Acme Robotics</title></head><body>
<h1>Current openings</h1><ul><li><a href="/acme/jobs/4012">Backend Engineer</a></li></ul></body></html>"""

# The job is still there, but the page says it is closed (a job board's banner).
NO_LONGER_ACCEPTING = f"""<html><head><title>Frontend Engineer at Acme Robotics</title>
{
    _ld(
        {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": "Frontend Engineer",
            "hiringOrganization": {"name": "Acme Robotics"},
            "datePosted": "2026-09-01",
            "description": "<p>Build the dashboard.</p>",
        }
    )
}
</head><body><div class="banner"><span>No longer accepting applications</span></div>
<h1>Frontend Engineer</h1><p>Build the dashboard.</p></body></html>"""

# A live posting whose text says "no longer accepting" about something narrower.
AGENCIES_NOTE = f"""<html><head>
{_ld({"@type": "JobPosting", "title": "Support Engineer", "hiringOrganization": "Acme Robotics"})}
</head><body><h1>Support Engineer</h1>
<p>We are no longer accepting applications from agencies. Applications will no longer be accepted
after 2027-01-15.</p></body></html>"""

EXPIRED = f"""<html><head>
{
    _ld(
        {
            "@type": "JobPosting",
            "title": "Mobile Engineer",
            "hiringOrganization": {"name": "Acme Robotics"},
            "datePosted": "2026-08-01",
            "validThrough": PAST,
        }
    )
}
</head><body><h1>Mobile Engineer</h1></body></html>"""

# Broken HTML: unclosed tags everywhere, a JSON-LD block with raw newlines and a trailing ";".
BROKEN = """<html><head><title>Firmware Engineer - Massive Dynamic</title>
<script type="application/ld+json; charset=utf-8">{"@type": "JobPosting", "title": "Firmware Engineer",
"hiringOrganization": {"name": "Massive Dynamic"}, "description": "<p>Line one
line two<li>a bullet"};</script>
<body><div><div><p>Unclosed <b>bold <i>italic<li>item <table><tr><td>cell
"""


def big_page(size: int) -> bytes:
    """A JobPosting at the top, then ``size`` bytes of comments (a page bloated by inline data)."""
    head = f"""<html><head>{
        _ld({"@type": "JobPosting", "title": "Staff Engineer", "hiringOrganization": {"name": "Umbrella"}})
    }</head><body>""".encode()
    return head + b"<!-- " + b"x" * size + b" -->"


# windows-1252 bytes, labelled iso-8859-1 in the header (what browsers read as windows-1252).
_LATIN_LD = json.dumps(
    {
        "@type": "JobPosting",
        "title": "Ingénieur logiciel",
        "hiringOrganization": {"name": "Société Générale Énergie"},
        "description": "<p>Salaire 60 000 € – télétravail</p>",
    },
    ensure_ascii=False,
)
LATIN = f"""<html><head><title>x</title><script type="application/ld+json">{_LATIN_LD}</script>
</head><body><p>Poste à pourvoir à Lyon.</p></body></html>"""
LATIN_BYTES = LATIN.encode("cp1252")

# Shift_JIS, labelled only by <meta charset> (no charset in the header).
SJIS_BYTES = (
    '<html><head><meta charset="shift_jis"><meta property="og:title" content="バックエンドエンジニア">'
    '<meta property="og:site_name" content="株式会社サンプル"></head><body>募集</body></html>'
).encode("shift_jis")
