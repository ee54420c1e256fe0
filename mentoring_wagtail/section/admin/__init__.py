"""The section's admin: the one «Наставничество» menu the features fill."""
