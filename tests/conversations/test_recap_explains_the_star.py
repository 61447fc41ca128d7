"""/recap marks a provisional engagement title with « * », and says once what it means, under the first
such title (as the PDF does): before, the chat's review starred titles and never said why."""

from __future__ import annotations

from tests.dossier_steps import choose, join


async def test_the_recap_says_what_the_star_means_once_under_the_first_starred_title(harness):
    director = await join(harness, 8_821, "fr")
    await choose(director, [1, 2, 3])
    await director.send("/recap")
    review = director.reply_text()
    assert review.count("titre provisoire") == 1, review
    lines = review.splitlines()
    starred = next(n for n, line in enumerate(lines) if line.endswith("*"))
    assert lines[starred].startswith("2. ") and lines[starred + 1].startswith("* titre provisoire"), lines
    assert not lines[starred - 1].startswith("* titre"), "engagement 1's title is official: no note under it"


async def test_without_a_provisional_title_no_note(harness):
    member = await join(harness, 8_822, "en")
    await choose(member, [1])
    await member.send("/recap")
    review = member.reply_text()
    assert "1. " in review and "provisional title" not in review, review
