"""A small, entirely fictional review shipped with the product for `chronology demo`.

Four agencies, four export styles (encodings, delimiters, date habits), so the demo shows intake
coping with real-world files. No real person or case is described.
"""
