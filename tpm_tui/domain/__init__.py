"""The domain: pure logic of banks, sessions, timers, picks, practice, review and
reports. No Textual and no file I/O here (tests/unit/test_layers.py checks it), so it is
tested without a UI."""
