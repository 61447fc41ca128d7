"""A meeting's day and time refused (``models.parsing.meeting_time``), in words: what was read, what was
not, and a day and time to type instead, itself read (« 15/03/2027 à 9 h », « … de 14 h à 15 h »).
``render.input_errors`` fills them in with the other refusals."""

from __future__ import annotations

from locales import N_

# a meeting's day and time as a refusal shows it to type: « 15/03/2027 à 9 h »; a slot, « … de 14 h à 15 h »
MEETING_EXAMPLE, SLOT_EXAMPLE = N_("{date} at {time}"), N_("{date} from {start} to {end}")

MEETING_REFUSALS = {
    "missing_time": N_("Please add the time, e.g. 9am or 2:30pm."),
    # a day read at one end, words beside it that are no time read (« mercredi minuit », "Wednesday at 9")
    "words_unread": N_(
        "I read {date}, but not “{words}”. Please type only the day and its time, e.g. 9am or 2:30pm."
    ),
    # « décembre 26 » is December 2026 to a French user: a meeting asks its day rather than guess it
    "whole_month": N_("This reads as a whole month, {month}: please type the day of the meeting as well."),
    "invalid_time": N_("This time does not exist."),
    # « de 15h à 14h », "3-2pm": its ends as read, and the slot in order to type
    "slot_reversed": N_(
        "This slot ends at {end}, not after its start ({start}). "
        "Please type its start, then its end, e.g. {example}."
    ),
    # « jusqu'à 10h », "until 10am": an end, the start not typed; the slot of an hour ending then to type
    "end_without_start": N_(
        "I read {date}, ending at {end}, but not when the meeting starts. "
        "Please type its start as well, e.g. {example}."
    ),
    # "December 9 to 10am": "to" is "until", or a French user's « à »: either slot to type, {at} its start
    "start_or_end": N_(
        "I read {date}, but not whether the meeting starts or ends at {end}. "
        "Please type e.g. {example} if it ends then, or {at} if it starts then."
    ),
    # « du 9 au 10 décembre »: the meeting's day is not guessed; the example, the first at the time typed
    "day_range": N_(
        "“{text}” names several days, from {first} to {last}, while a meeting is on one day. "
        "Please type its day and the time it starts, e.g. {example}."
    ),
    # "December 9 to 10", « 9 décembre jusqu'à 10 »: the 10th, or 10 o'clock
    "day_or_hour": N_(
        "In “{text}”, I cannot tell whether {number} is a day ({day}) or a time ({hour}). "
        "A meeting is on one day: please type its day and the time it starts, e.g. {example}."
    ),
    # a meeting's Paris time the night the clocks change (models.parsing.meeting_time), with a time
    # that exists that day to type instead
    "time_skipped": N_(
        "On {date}, the clocks go forward from {start} to {end}: {typed} does not exist. "
        "Please type another time, e.g. {date} at {later}."
    ),
    "time_repeated": N_(
        "On {date}, the clocks go back from {start} to {end}: {typed} comes twice, and the announcement "
        "could not say which. Please type another time, e.g. {date} at {later}."
    ),
}
