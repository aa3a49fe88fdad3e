"""B: problems that only the site engine (MkDocs) finds while building."""

from generator.rules.registry import rule

ENGINE_PROBLEM = rule(
    "B001",
    "engine-problem",
    "the {language} site could not be built: {problem}",
    "fix what the message names in this file and build again; the published site was not changed",
    "MkDocs is run in strict mode, so anything it would only warn about stops the build.",
)
OUTPUT_FOLDER = rule(
    "B002",
    "unsafe-output-folder",
    "the output folder {out} {problem}",
    "build into an empty folder or a folder that holds an earlier build, such as site/",
    "A build replaces its output folder entirely, so it must never be a folder of sources.",
)
