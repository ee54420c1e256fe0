"""The portfolios' system check: mentors' photos never served past their rules.

Registered from ``PortfoliosConfig.ready``; the core's W003 covers documents.
"""

from django.core.checks import Tags, Warning, register

from mentoring_wagtail.documents.serving_checks import image_file_url_served


@register(Tags.security, Tags.urls)
def photo_folders_served_check(app_configs, **kwargs):
    """People's photos are image files: a folder served directly hands them out."""
    url = image_file_url_served()
    if url is None:
        return []
    return [
        Warning(
            f"The URLconf serves image files directly at {url}: mentors' photos "
            "stay downloadable there after their consent is withdrawn or their "
            "data erased, and before the portfolio is approved.",
            hint="In DEBUG, serve renditions with "
            "mentoring_wagtail.public.media_files.serve_image_rendition (it "
            "refuses people's photos) instead of static(); in production keep "
            "the web server from serving files named mentor-photo-* (see "
            "docs/security.md, «Deployment»).",
            id="mentoring_wagtail.W003",
        )
    ]
