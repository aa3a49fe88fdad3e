"""Every redaction module that registers rules, imported so that `opcc-site rules` and
the registry tests see them all."""

from generator.redaction import built_site, sources  # noqa: F401
from generator.redaction.attachments import images, ooxml, pdf  # noqa: F401
from generator.redaction.detectors import names, static_detectors

static_detectors()
__all__ = ["names"]
