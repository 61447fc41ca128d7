"""« Chosen by other coops » buttons name their choice, not its place in a list rebuilt at every press.

Before: « 👥 … » and « ➕ Use this indicator » carried the choice's index in the list, which any coop
sharing, stopping or renaming reorders; a member who viewed « Taux de rotation des locataires » was told
« ✅ Indicateur ajouté : Budget participatif », a stale « 👥 » opened another indicator, and a choice no
longer shared answered « ce bouton ne concerne pas le dossier de votre coopérative ». The same shared
indicator could be added twice (no « déjà parmi vos indicateurs »), two titles alike at their start made
two buttons reading the same, and 120 shared choices made 125 buttons over three messages.
"""

from __future__ import annotations

from sqlmodel import select

from models.coops import create_coop
from models.dossier.current import current_dossier
from models.dossier.indicators import add_indicator, update_indicator
from models.dossier.practices import set_sharing
from models.dossier.writes import set_engagement
from models.tables import Indicator, Member, MemberRole, User
from tests.conftest import NOW
from tests.dossier_steps import join, open_home


async def sharing_coop(harness, name: str, uid: int, titles: list[str], share: bool = True) -> Member:
    """A coop whose current dossier chose engagement 5 with these own indicators (a number, in %)."""
    async with harness.database.transaction() as session:
        coop = await create_coop(session, name)
        session.add(User(id=uid, first_name=f"Dir {uid}"))
        await session.flush()
        member = Member(user_id=uid, coop_id=coop.id, role=MemberRole.DIRECTION)
        session.add(member)
        dossier = await current_dossier(session, coop.id)
        await set_engagement(session, dossier, 5, True, actor_id=uid, now=NOW)
        for title in titles:
            own = await add_indicator(
                session, dossier, 5, title=title, value_kind="number", unit="percent", actor_id=uid, now=NOW
            )
            await update_indicator(session, dossier, own, "target_value", "30", actor_id=uid, now=NOW)
        if share:
            await set_sharing(session, member, "indicators", True, NOW)
        return member


async def set_shared(harness, member: Member, agree: bool) -> None:
    async with harness.database.transaction() as session:
        await set_sharing(session, member, "indicators", agree, NOW)


async def reader(harness, uid: int = 6201):
    """A member of another coop that chose engagement 5."""
    member = await join(harness, uid, "fr", "Coop Lectrice", role="member")
    await member.send("/dossier")
    await member.press("Axe 2")
    await member.press("⬜ 5 · ")
    return member


async def suggestions(member) -> dict:
    await open_home(member)
    await member.press("📊 Indicateurs")
    await member.press(" 5 · ")
    await member.press("➕ Ajouter un indicateur")
    return member.last


async def titles_of(harness, member) -> list[str]:
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, member.invitations.coop.id)
        return list(
            (await session.exec(select(Indicator.title).where(Indicator.dossier_id == dossier.id))).all()
        )


async def test_use_adds_the_indicator_on_screen_after_the_list_changed(harness):
    for n in range(3):
        await sharing_coop(harness, f"Coop T{n}", 9300 + n, ["Taux de rotation des locataires"])
    budget = [
        await sharing_coop(harness, f"Coop B{n}", 9400 + n, ["Budget participatif"], n < 2) for n in range(3)
    ]
    member = await reader(harness)
    await suggestions(member)
    await member.press("👥 Taux de rotation")
    detail = member.last
    await set_shared(harness, budget[2], True)  # « Budget participatif » now sorts first
    await member.press("➕ Utiliser", detail)
    assert "Budget" not in member.last_text
    assert "Indicateur ajouté\u00a0: Taux de rotation des locataires" in member.last_text
    assert await titles_of(harness, member) == ["Taux de rotation des locataires"]


async def test_a_stale_list_opens_the_indicator_its_button_named(harness):
    for n in range(3):
        await sharing_coop(harness, f"Coop T{n}", 9300 + n, ["Taux de rotation des locataires"])
    late = [
        await sharing_coop(harness, f"Coop A{n}", 9400 + n, ["Accueil des nouveaux locataires"], n < 2)
        for n in range(3)
    ]
    member = await reader(harness)
    listing = await suggestions(member)
    await set_shared(harness, late[2], True)  # « Accueil » sorts first now
    await member.press("👥 Taux de rotation", listing)
    assert "Taux de rotation des locataires" in member.last_text
    assert "Accueil" not in member.last_text


async def test_a_choice_no_longer_shared_is_said_so_with_the_list_again(harness):
    coops = [
        await sharing_coop(harness, f"Coop T{n}", 9300 + n, ["Taux de rotation des locataires"])
        for n in range(3)
    ]
    for n in range(3):
        await sharing_coop(harness, f"Coop A{n}", 9400 + n, ["Accueil des nouveaux locataires"])
    member = await reader(harness)
    await suggestions(member)
    await member.press("👥 Taux de rotation")
    detail = member.last
    await set_shared(harness, coops[0], False)
    await member.press("➕ Utiliser", detail)
    assert not any("ne concerne pas" in alert for alert in member.alerts), member.alerts
    assert "n’est plus partagé" in member.last_text, member.last_text
    assert "Choisissez un indicateur proposé" in member.last_text  # the list again
    assert "Accueil des nouveaux locataires" in member.last_text
    assert await titles_of(harness, member) == []


async def test_an_old_index_button_is_said_out_of_date(harness):
    for n in range(3):
        await sharing_coop(harness, f"Coop T{n}", 9300 + n, ["Taux de rotation des locataires"])
    member = await reader(harness)
    listing = await suggestions(member)
    dossier_id = next(
        b["callback_data"]
        for row in listing["reply_markup"]["inline_keyboard"]
        for b in row
        if b["callback_data"].startswith("ic:")
    ).split(":")[1]
    await member.press_data(member.last, f"isy:{dossier_id}:5:0")
    assert await titles_of(harness, member) == []
    assert "n’est plus à jour" in " ".join(member.alerts) + member.last_text


async def test_a_shared_indicator_already_used_is_continued_not_added_twice(harness):
    for n in range(3):
        await sharing_coop(harness, f"Coop T{n}", 9300 + n, ["Taux de rotation"])
    member = await reader(harness)
    await suggestions(member)
    await member.press("👥 Taux")
    await member.press("➕ Utiliser")
    listing = await suggestions(member)
    assert "Taux de rotation — choisi par 3\u00a0coopératives (déjà parmi vos indicateurs)" in listing["text"]
    assert "✅ 👥 Taux de rotation" in member.buttons(listing)
    await member.press("👥 Taux")
    assert "déjà parmi vos indicateurs" in member.last_text
    await member.press("Continuer")
    assert "fait déjà partie de vos indicateurs\u00a0: poursuivons-le" in member.last_text
    assert await titles_of(harness, member) == ["Taux de rotation"]


async def test_titles_alike_at_their_start_make_distinct_buttons(harness):
    titles = [
        "Taux de participation à l'assemblée générale des locataires",
        "Taux de participation à l'assemblée générale des accédants",
    ]
    for n in range(3):
        await sharing_coop(harness, f"Coop P{n}", 9500 + n, titles)
    member = await reader(harness)
    listing = await suggestions(member)  # the harness fails on two buttons alike
    shared = [label for label in member.buttons(listing) if label.startswith("👥")]
    assert len(set(shared)) == 2
    await member.press("locataires", listing)
    assert "des locataires" in member.last_text


async def test_many_shared_choices_fit_one_screen(harness):
    titles = [f"Indicateur partagé numéro {i:03d} sur la vie coopérative" for i in range(40)]
    for g in range(0, 40, 10):
        for n in range(3):
            await sharing_coop(harness, f"Coop M{g}-{n}", 9600 + g * 3 + n, titles[g : g + 10])
    member = await reader(harness)
    listing = await suggestions(member)
    assert len(member.replies) == 1
    shared = [label for label in member.buttons(listing) if label.startswith("👥")]
    assert 0 < len(shared) <= 8
    assert "… et 32\u00a0autres indicateurs" in listing["text"], listing["text"]
