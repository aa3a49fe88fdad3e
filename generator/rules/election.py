"""E: the election data file, content/election.yml."""

from generator.rules.registry import rule

MISSING = rule(
    "E001",
    "election-file-missing",
    "the election data file is missing",
    "create content/election.yml with the police area, the pre-election period, the topics "
    "and the timetable (see the example in the repository)",
    "The timetable, the topics and the site's title come from this file.",
)
PERIOD_ORDER = rule(
    "E002",
    "pre-election-period-order",
    "the pre-election period ends ({end}) before it starts ({start})",
    "check the 'start' and 'end' dates of 'pre_election_period'",
    "The period decides when the site carries factual information only.",
)
