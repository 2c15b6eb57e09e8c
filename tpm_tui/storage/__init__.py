"""Files: the bank and session formats, the sessions folder, its summaries, locks
and safe reading and writing. No Textual here (tests/unit/test_layers.py checks it)."""
