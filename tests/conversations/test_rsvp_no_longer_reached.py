"""An answer to a VisioCoop is taken from whom the announcement still reaches, the one-hour reminder's
rule (``models.federation.rsvp.still_reached``).

Before: a member taken off their coop's team (or a former direction, for a meeting of the directions)
pressed « 👍 Je participe » on the invitation they still had and was told « Un rappel arrivera une heure
avant », a reminder that never came, and was counted among those who « participeront ». Now the answer
is refused in plain words, with the way back: a new invitation link, from the coop's direction or, for
the direction, from the federation. Nothing is recorded.
"""

from __future__ import annotations

from sqlmodel import select

from models.tables import Rsvp
from models.team import remove_teammate
from tests.conversations.test_meeting_reminder_reach import attending, remind, reminded


async def answer_of(bot, user_id: int) -> bool | None:
    """The answer recorded for ``user_id``: True attending, False not, None none."""
    async with bot.database.transaction() as session:
        return (await session.exec(select(Rsvp.attending).where(Rsvp.user_id == user_id))).first()


async def test_a_member_taken_off_the_team_is_not_promised_a_reminder(tmp_path):
    bot, clock, coop, direction, _second, member = await attending(tmp_path)
    try:
        await member.press("Je ne peux pas")
        async with bot.database.transaction() as session:
            await remove_teammate(session, coop.coop, member.id, direction.id, clock())
        await member.press("Je participe")
        (said,) = member.alerts
        assert "ne faites plus partie de l’équipe" in said and "rappel arrivera" not in said, said
        assert "nouveau lien d’invitation" in said, said  # the way back
        assert await answer_of(bot, member.id) is False  # still « can't »: not counted as attending
        assert await remind(bot, clock) == 2 and not reminded(bot, member.id)
    finally:
        await bot.stop()


async def test_a_former_direction_cannot_answer_the_directions_meeting(tmp_path):
    bot, clock, coop, direction, second, _member = await attending(tmp_path, "direction")
    try:
        async with bot.database.transaction() as session:
            await remove_teammate(session, coop.coop, second.id, direction.id, clock())
        await second.send(f"/start {coop.member_token}")  # back as a member only
        await second.press("Je ne peux pas")
        (said,) = second.alerts
        assert "réservée aux directions" in said and "lien pour la direction" in said, said
        assert await answer_of(bot, second.id) is True  # the answer given as the direction, unchanged
        await direction.press("Je ne peux pas")  # the direction still answers
        assert direction.alerts == ["C’est noté\u00a0: vous ne pourrez pas participer."], direction.alerts
    finally:
        await bot.stop()
