"""The merged chronology read model: incidents, conflict markers and the chair's decisions.

`tables` holds its schema (every row versioned by event position, so any earlier state can be
read back), `projection` applies events, `regrouping` re-merges the part of a review that an
event touched, and `view` reads the chronology as it stood at any position.
"""
