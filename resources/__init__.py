"""Icons, style sheet, translations, letter text templates, built-in lists (package data)."""
