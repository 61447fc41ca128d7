"""The readable /mesdonnees says a document's size as the files sent to the federation say theirs:
« 69 octets », « 1,2 Mo ».

Before, a document of the dossier showed a bare number (« Taille : 69 ») where a request's file read
« 69 octets ».
"""

from __future__ import annotations

from datetime import UTC, datetime

from conversations.render.commitments.personal_data import export_text
from locales import translator

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
DOCUMENTS = {
    "attachment": [
        {"kind": "commitment_letter", "file_name": "lettre.pdf", "size": 69, "mime_type": "application/pdf"},
        {"kind": "supporting", "file_name": "bilan.pdf", "size": 1_258_291, "mime_type": "application/pdf"},
    ]
}


def test_a_document_s_size_reads_in_bytes_or_megabytes():
    french = export_text(translator("fr"), 7, DOCUMENTS, NOW).decode()
    assert "Taille\u00a0: 69\u00a0octets\n" in french and "Taille\u00a0: 1,2\u00a0Mo" in french
    english = export_text(translator("en"), 7, DOCUMENTS, NOW).decode()
    assert "Size: 69 bytes\n" in english and "Size: 1.2 MB" in english
