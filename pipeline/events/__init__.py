"""From claims to events: PLOVER type and quad class, mode, date (`annotate`),
one event from many reports (`dedup`), and PLOVER/CSV export (`export`)."""
