"""Merge: which reports are one event, which names are one person. Pure rules, no database.

Extraction finds what one article says; merging decides what the reports of many articles
are together. One rule set each, used by whoever needs it:

    events.py   same_event (told_apart, tied), the best of a report's candidate events
                (closest), an event's fields from its reports (merged); compatible_dates and
                subjects_compatible, which extraction's within-article clustering uses too
    identity.py earlier_event: which event a report extracted again still is (ids that hold)
    places.py   places_compatible (McAllen lies in Texas), place_depth, most_specific
    labels.py   make_label: what an event is called, for a report or a merged event
    people.py   name_key, group_names, display_name, plan: which names are one person
    text.py     fold (names as compared) and key_words (the words of a place or body name)

The store (`pipeline/store/`) finds candidates and writes rows, and calls these for every
decision; word lists stay in `pipeline/data/` (events.toml, people.toml).
"""

from .events import Profile, closest, compatible_dates, merged, same_event, subjects_compatible, tied, told_apart
from .labels import make_label
from .people import display_name, group_names, name_key, name_words, plan
from .places import place_depth, places_compatible
from .text import fold

__all__ = [
    "Profile",
    "closest",
    "compatible_dates",
    "display_name",
    "fold",
    "group_names",
    "make_label",
    "merged",
    "name_key",
    "name_words",
    "place_depth",
    "places_compatible",
    "plan",
    "same_event",
    "subjects_compatible",
    "tied",
    "told_apart",
]
