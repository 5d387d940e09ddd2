import pytest

# Helper modules imported by conftest still get pytest's assertion messages.
pytest.register_assert_rewrite(
    "tests.factories", "tests.concurrency", "tests.live_server", "tests.pdfs", "tests.mailbox"
)
