"""In-process PTB transport that talks to a FakeTelegram without any network."""

from __future__ import annotations

import json
import re
from typing import IO
from urllib.parse import unquote, urlsplit

from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from tests.fakes.protocol import Upload
from tests.fakes.telegram import FakeTelegram

# PTB downloads files from "<base_file_url><token>/<file_path>", by default /file/bot<token>/...
_FILE_URL_PATH = re.compile(r"/file/bot[^/]*/(?P<file_path>.+)$")
_NOT_FOUND = {"ok": False, "error_code": 404, "description": "Not Found"}


def _read_upload(field: tuple[str, bytes | IO[bytes], str]) -> Upload:
    """PTB may hand over an open file instead of bytes (InputFile(read_file_handle=False))."""
    filename, content, mime_type = field
    return filename, content if isinstance(content, bytes) else content.read(), mime_type


class FakeRequest(BaseRequest):
    """A telegram.request.BaseRequest that answers from a FakeTelegram in the same process."""

    def __init__(self, fake: FakeTelegram, poll_timeout: float = 0.05) -> None:
        self.fake = fake
        # Long polls are capped so that an Application's updater stops promptly.
        self.poll_timeout = poll_timeout

    @property
    def read_timeout(self) -> float | None:
        """No socket, so no read timeout."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer a Bot API call or a file download as (HTTP status, body bytes)."""
        path = unquote(urlsplit(url).path)
        if file_url := _FILE_URL_PATH.search(path):
            return self._download(file_url["file_path"])
        params: dict = {}
        files: dict[str, Upload] = {}
        if request_data is not None:
            # A JSON round trip detaches the params from the bot's objects and proves they
            # would survive the wire.
            params = json.loads(json.dumps(request_data.parameters))
            files = {name: _read_upload(part) for name, part in request_data.multipart_data.items()}
        api_method = path.rsplit("/", 1)[-1]
        status, body = await self.fake.respond(api_method, params, files, max_poll=self.poll_timeout)
        return status, json.dumps(body).encode()

    def _download(self, file_path: str) -> tuple[int, bytes]:
        try:
            return 200, self.fake.file_content(file_path)
        except KeyError:
            return 404, json.dumps(_NOT_FOUND).encode()
