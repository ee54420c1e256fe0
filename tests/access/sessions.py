"""Signing each user in once for a walk of the admin, not before every request.

``client.force_login(user)`` before each request cost as much as a third of
the request (axes' sign-in hook, the session's save, ``last_login``). A
``Sessions`` signs each user in once and, before each of their requests,
sets their session cookie back: the client is then as ``force_login`` would
have left it.

As ``force_login`` would: it starts from the session the cookie holds, which
it keeps for the same user and empties for another. So a session stays in use
only while no request has written it (a message stored in the session, a
sign-out): a written session is signed in from anew, by ``force_login``
itself, and kept for later only if that left it as fresh as a sign-in. The
other cookies (the messages' cookie) are left as they were, as ``force_login``
leaves them. After each request, ``check`` asserts that it was served to the
intended user, so a lost session cannot pass silently.
"""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

SIGNED_IN = {SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY}


class Sessions:
    def __init__(self, client):
        self.client = client
        self.cookie = settings.SESSION_COOKIE_NAME
        self.fresh = {}  # user pk → key of a session as a sign-in left it
        self.current = None  # the user whose session the cookie holds
        self.written = True  # the cookie's session is not known to be fresh

    def sign_in(self, user):
        """Leave the client as ``client.force_login(user)`` would."""
        cookies = self.client.cookies
        if self.written:
            self.fresh.pop(self.current, None)
            self.client.force_login(user)  # from the written session, as before
            self.written = set(self.client.session.keys()) != SIGNED_IN
            if not self.written:
                self.fresh[user.pk] = cookies[self.cookie].value
        elif user.pk != self.current:
            if user.pk not in self.fresh:
                cookies.pop(self.cookie, None)  # another user's is emptied
                self.client.force_login(user)
                self.fresh[user.pk] = cookies[self.cookie].value
            cookies[self.cookie] = self.fresh[user.pk]
        self.current = user.pk

    def check(self, response, user):
        """The request was served to ``user``; note whether it wrote the session."""
        assert response.wsgi_request.user.pk == user.pk, (
            response.wsgi_request.path,
            user,
        )
        if self.cookie in response.cookies:
            self.written = True


def sessions_of(client):
    """The client's ``Sessions``, one for the test (its client is the test's)."""
    sessions = getattr(client, "_mentoring_sessions", None)
    if sessions is None:
        sessions = client._mentoring_sessions = Sessions(client)
    return sessions
