"""The signatures' admin: a record's signatures, the qualified one's upload."""
