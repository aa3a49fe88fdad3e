"""Every rule family, imported so that each registers its rules and checks.

F files · Y frontmatter · S schema · T twins · R responses · C content documents ·
E election data · L links · H raw HTML · D addresses · M redaction markers · W Welsh parity
P personal data · A attachments · X public facts (generator/redaction)
"""

from generator.redaction import catalogue as _redaction  # noqa: F401
from generator.rules import (  # noqa: F401  (imported to register their rules)
    addresses,
    documents,
    election,
    engine,
    files,
    frontmatter,
    html,
    language,
    links,
    markers,
    parity,
    placeholders,
    pre_election,
    responses,
    schema,
    twins,
)
from generator.rules.registry import FILE_CHECKS, RULES, SITE_CHECKS, Rule

__all__ = ["FILE_CHECKS", "RULES", "SITE_CHECKS", "Rule"]
