"""A name in a list is cut by what a message counts, the HTML sent (``split_text``): « & » is « &amp; »,
five units; the team's list, an announcement's failures, /comite and /export all cut this way."""

from __future__ import annotations

from conversations.render.html import escaped_within, names_room, units

RND = ("R&D " * 16).strip()  # 63 characters, 111 units as HTML


def test_a_name_is_cut_by_its_length_as_html_never_inside_an_entity():
    assert escaped_within("Coop des Lilas", 14) == "Coop des Lilas"
    assert escaped_within("R&D", 7) == "R&amp;D"
    assert escaped_within("R&D R&D", 10) == "R&amp;D R…"  # 10 units; the next « & » would make it 15
    assert escaped_within("R&D R&D", 9) == "R&amp;D…"  # cut after a word: the space left out
    assert escaped_within("R&D R&D", 6) == "R…"  # never « R&am… »
    assert escaped_within("😀" * 5, 7) == "😀😀😀…"  # an emoji counts two
    for room in range(1, 120):
        cut = escaped_within(RND, room)
        assert units(cut) <= room and "&amp" not in cut.replace("&amp;", ""), (room, cut)


def test_the_names_of_a_list_share_its_room_the_longest_cut_alike():
    assert names_room(["Coop", "R&D"], 100) == 7  # all whole: the longest's length as HTML
    assert names_room(["Coop", RND, RND], 4 + 2 * 50) == 50
