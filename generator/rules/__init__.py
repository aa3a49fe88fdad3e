"""Validation rules, one module per rule family.

F files · Y frontmatter · S schema · T twins · R responses · C content documents ·
E election data · L links · H raw HTML · D addresses. ``catalogue`` imports them all.
"""
