"""S: fields that are missing, unknown, or hold a value of the wrong kind."""

from generator.rules.registry import rule

MISSING = rule(
    "S001",
    "missing-field",
    "the required field '{field}' is missing",
    "add a line '{field}: ...' to the frontmatter{example}",
    "Every published fact comes from a field; a missing one would leave a gap in the register.",
)
UNKNOWN = rule(
    "S002",
    "unknown-field",
    "'{field}' is not a field of a {kind}",
    "{suggestion}",
    "A misspelt field name would otherwise be silently ignored, and its value never shown.",
)
UNKNOWN_VALUE = rule(
    "S003",
    "unknown-value",
    "'{field}' is '{value}', which is not one of the allowed values",
    "use one of: {allowed}",
    "The register groups and labels documents by these values in both languages.",
)
BAD_DATE = rule(
    "S004",
    "invalid-date",
    "'{field}' is '{value}', which is {problem}",
    "write the date as YYYY-MM-DD, for example 2024-04-09 for 9 April 2024",
    "Dates are published in both languages and used to order the register.",
)
WRONG_TYPE = rule(
    "S005",
    "wrong-type",
    "'{field}' {problem}",
    "{fix}",
    "A value of the wrong kind (a list where text is expected) cannot be published.",
)
