"""Images: what a file is (guard), what it holds (inspect), and image fit (modes, the byte-limit search)."""
