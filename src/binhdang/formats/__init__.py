"""Vietnamese numbers, dates and text: the one way every app reads and writes them.

Ground level: imports no app. `numbers` reads what a person types ("1.234,5") and writes
numbers for people to read; `dates` the dd/mm/yyyy text, Decree 30's date line and the way
papers cite a date; `text` NFC normalisation, control characters and accent folding; `cells`
text safe to put in a spreadsheet. The `vi/` and `en/` folders are Django's locale formats.
"""
