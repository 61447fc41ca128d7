"""/mesdonnees's two files are named in the reader's language: « qualicoop-mes-donnees.json » for a
French reader, « qualicoop-my-data.json » for an English one."""

from __future__ import annotations

from tests.dossier_steps import join


async def test_my_data_files_are_named_in_the_reader_s_language(harness):
    french = await join(harness, 9401, "fr")
    await french.send("/mesdonnees")
    names = [m["document"]["file_name"] for m in french.replies if "document" in m]
    assert names == ["qualicoop-mes-donnees.json", "qualicoop-mes-donnees.txt"], names
    english = await join(harness, 9402, "en", coop_name="Coop English")
    await english.send("/mydata")
    names = [m["document"]["file_name"] for m in english.replies if "document" in m]
    assert names == ["qualicoop-my-data.json", "qualicoop-my-data.txt"], names
