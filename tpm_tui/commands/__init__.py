"""The commands of the command line, one module each; `tpm_tui.cli` parses and
dispatches to them.

`parser` builds the arguments, `common` holds what the commands share (paths,
loading the bank, what reaches the terminal). `validate`, `due` (`practice --due`),
`questions`, `export`, `sync` and `serve` run without a screen; `app` opens one
for interview, practice, stories, resume and review. Textual is imported only
inside `app.run_app`, so the others start quickly.
"""
