"""Files the fake server holds: uploaded by the bot or sent by users, then fetched by file_id or path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from tests.fakes.protocol import MAX_DOWNLOAD_SIZE, Files, JSONDict, Upload, bad_request


@dataclass
class StoredFile:
    """A file known to the fake server, uploaded by the bot or by a user."""

    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    content: bytes
    file_path: str

    def document(self) -> JSONDict:
        """The file as a Bot API Document object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }

    def photo_size(self, width: int, height: int) -> JSONDict:
        """The file as a Bot API PhotoSize object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": width,
            "height": height,
            "file_size": len(self.content),
        }


class FileStore:
    """Every file of the server by file_id, each with the file_path a download asks for."""

    def __init__(self) -> None:
        self._files: dict[str, StoredFile] = {}
        self._counter = 0

    def store(self, filename: str, content: bytes, mime_type: str, folder: str = "documents") -> StoredFile:
        """Keep a file under new ids shaped like Telegram's."""
        self._counter += 1
        number = self._counter
        suffix = PurePosixPath(filename).suffix
        stored = StoredFile(
            file_id=f"BQACAgFake{number:06d}",
            file_unique_id=f"AgADFake{number:04d}",
            file_name=filename,
            mime_type=mime_type,
            content=content,
            file_path=f"{folder}/file_{number}{suffix}",
        )
        self._files[stored.file_id] = stored
        return stored

    def photo_sizes(self, content: bytes) -> list[JSONDict]:
        """Telegram stores several sizes per photo; we keep the original bytes for each."""
        thumbnail = self.store("photo.jpg", content, "image/jpeg", "photos")
        full = self.store("photo.jpg", content, "image/jpeg", "photos")
        return [thumbnail.photo_size(90, 90), full.photo_size(1280, 1280)]

    def content(self, file_path: str) -> bytes:
        """The bytes behind a getFile file_path; KeyError if unknown."""
        for stored in self._files.values():
            if stored.file_path == file_path:
                return stored.content
        raise KeyError(file_path)

    def file_object(self, file_id: str) -> JSONDict:
        """The Bot API File object getFile answers, refusing unknown and too big files."""
        stored = self._files.get(file_id)
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.content) > MAX_DOWNLOAD_SIZE:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    def input_file(self, field: str, params: JSONDict, files: Files) -> StoredFile | Upload:
        """Resolve a file parameter to a known file (by file_id) or to the uploaded part."""
        value = params.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        elif value is None:
            upload = files.get(field)  # PTB uploads single files under the parameter's name
        elif str(value) in self._files:
            return self._files[str(value)]
        else:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if upload is None:
            raise bad_request(f"there is no {field} in the request")
        return upload
