"""What happens to official records, for the floors above to react to.

The documents know nothing of who listens: the public side purges the pages
that show a revoked record (``public.cache_purge``).
"""

from django.dispatch import Signal

# Sent with ``instance`` when a record is marked revoked, inside the
# transaction that saves the mark.
document_revoked = Signal()
