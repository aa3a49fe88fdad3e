"""Redaction: the safety net that keeps personal data off the published site.

``normalise`` undoes disguises; ``detectors/`` has one module per kind of personal data;
``attachments/`` reads the text and hidden parts of each attachment type; ``allowlist``
holds the public facts let through, each with its reason; ``scan`` applies them to a
text; ``built_site`` scans MkDocs' output once more before it is published.
"""
