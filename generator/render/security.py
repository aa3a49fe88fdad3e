"""What the published site allows a visitor's browser to load: its own files and nothing
else. The same policy goes into every page (a ``<meta http-equiv>``) and into the web
team's guide as the HTTP header to send (docs/web-team.md), which can also forbid framing.

The theme is made to work under it: its inline scripts are replaced by files
(site_templates/overrides/partials/javascripts/), no page carries an inline event handler
or ``style`` attribute, and fonts come from the reader's system. ``data:`` images stay
allowed because the theme's stylesheet draws its icons from ``data:`` SVG masks.
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

# Only an HTTP header can carry these; a <meta> policy ignores them.
HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'self'"]

CONTENT_SECURITY_POLICY_HEADER = "; ".join([CONTENT_SECURITY_POLICY, *HEADER_ONLY_DIRECTIVES])

# Every header the web team is asked to send (docs/web-team.md); the preview sends them too.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY_HEADER,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
