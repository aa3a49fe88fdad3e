"""F: problems with a source file as a file, found before its text is read."""

from generator.rules.registry import rule

NOT_UTF8 = rule(
    "F001",
    "not-utf8",
    "the file is not UTF-8 text (the first character that cannot be read is on this line)",
    "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
    "Welsh letters such as ŵ and ŷ are lost or garbled when a file is saved in another "
    "encoding, so only UTF-8 is accepted.",
)
EMPTY = rule(
    "F002",
    "empty-file",
    "the file is empty",
    "write the document's frontmatter and text, or delete the file",
    "An empty file is almost always a mistake (a save that failed, a copy that went wrong).",
)
SYMLINK = rule(
    "F003",
    "symlink",
    "the file is a symbolic link, which is never published",
    "replace the link with a copy of the real file, inside content/ or responses/",
    "A link can point outside the project, for example at the private people list, and publish it.",
)
BAD_NAME = rule(
    "F004",
    "bad-document-name",
    "'{name}' is not named NAME.en.md or NAME.cy.md",
    "rename it to end in .en.md (English) or .cy.md (Welsh)",
    "Every document is a pair of files, one per language; the language is read from the name.",
)
ATTACHMENT_TYPE = rule(
    "F005",
    "attachment-type",
    "'{name}' is not a file type that can be published ({suffix})",
    "publish it as one of: {allowed}; or move it out of content/ and responses/",
    "Everything under content/ and responses/ is published; unexpected file types (source "
    "spreadsheets, archives, programs) are where real data leaks have come from.",
)
UNREADABLE = rule(
    "F006",
    "unreadable-file",
    "the file cannot be read: {reason}",
    "check that the file is not open in another program and that you may read it",
    "A file that cannot be read cannot be checked, so nothing is published.",
)
NOT_A_FILE = rule(
    "F007",
    "not-a-regular-file",
    "this is not an ordinary file (it may be a pipe or a device)",
    "replace it with an ordinary file, or delete it",
    "Reading a pipe or a device could hang the check or publish something unexpected.",
)
UNSAFE_NAME = rule(
    "F008",
    "unsafe-file-name",
    "the name '{name}' has characters that cannot be part of a web address",
    "rename it using only letters, digits and hyphens, such as 'budget-2024-25.csv'",
    "Names become web addresses; spaces, quotes and other signs break links or could be "
    "used to inject code into a page.",
)
NO_PEOPLE_LIST = rule(
    "F009",
    "no-people-list",
    "there is no people list, so no name of a private person is looked for anywhere",
    "make the folder .private and in it the file people.txt, with the full name of each "
    "private person the office deals with, one a line (see the staff guide, 'The people "
    "list'); an empty file says there is nobody to list",
    "The list is never shared through Git, so a new copy of the project has none, and the "
    "checks cannot find a requester's name they have not been told.",
    severity="warning",
)
