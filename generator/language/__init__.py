"""Language facts used by the checks: which language a paragraph is in, the Markdown
blocks of a body, and the figures and structure two twins must share."""
