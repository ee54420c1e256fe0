"""Login throttling with django-axes: the lockout page and the admin's unlock screen."""
