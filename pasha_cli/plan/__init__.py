"""Planning and hand-over: slots, calendar, ICS feed, preview, export and its manifest, submit, scaffolding."""
