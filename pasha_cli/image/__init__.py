"""Images: what a file is (guard), what it holds (inspect), and image fit (fit, modes, the byte-limit search in budget/)."""

from __future__ import annotations

from pasha_cli.model import LocalText


class FitError(Exception):
    """Why a source cannot be fitted (decoding, its pixels, the byte limit): one message for the user."""

    def __init__(self, text: LocalText) -> None:
        super().__init__(text.en)
        self.text = text
