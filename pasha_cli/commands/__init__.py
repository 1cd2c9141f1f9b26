"""The commands, one module per command or command family, each loaded only when it runs.

A command parses its options, calls one function of the module that does the work, and prints
what it returns; cli.py maps each name to its module (a lazy group) and alone exits the process.
The options every command shares are in common.py, --now and dates in dates.py, the lazy group in
lazy.py.
"""
