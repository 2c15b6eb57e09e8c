"""tpm-tui: a keyboard-driven terminal app for structured behavioral interviews."""

__version__ = "0.1.0"
