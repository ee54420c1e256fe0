"""The page model our page types inherit from.

Wagtail 8 lets a site swap its base page model (``WAGTAIL_PAGE_MODEL``); a
reusable app inherits from whatever the site chose, so the site's own fields
and behaviour reach the mentoring pages too. See Wagtail's "Reusable apps and
custom base page models" documentation.
"""

import swapper

# wagtail.models sets this prefix too, but this module may be imported first.
swapper.set_app_prefix("wagtailcore", "wagtail")

BASE_PAGE_MODEL_NAME = swapper.get_model_name("wagtailcore", "Page")

BasePage = swapper.load_model("wagtailcore", "Page", require_ready=False)
