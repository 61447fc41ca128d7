"""Dates and moments as the user reads them: a day, an instant in Paris time, the committee's meeting
with its hour (moments.py); a meeting's day and time refused, in words (meeting_refusals.py)."""
