"""Keeping the actor dictionary up to date from what runs find (`pipeline actors`)."""
