"""One router per resource: reviews, submissions, merged, records, chair, people."""
