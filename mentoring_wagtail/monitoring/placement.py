"""Give links and answers made before they carried a school their school.

A link belongs to its questionnaire's school (the site whose tree holds the
page) when its group is of that school too; an answer to its link's school
when its group agrees. A row whose relations disagree (a link issued to
another school's group) or that no site holds is left without a school and
reported by ``mentoring_setup``: no silent guess. Used by migration 0002 (with
the historical models) and by the setup step (with these).
"""


def tree_site(site_roots, page_path):
    """The id of the site whose root is the longest prefix of ``page_path``."""
    best = None
    for root_path, site_id in site_roots:
        if page_path.startswith(root_path) and (
            best is None or len(root_path) > len(best[0])
        ):
            best = (root_path, site_id)
    return best[1] if best else None


def place_rows(site_model, token_model, answer_model):
    """Fill ``site`` where the relations agree; return the counts left unplaced."""
    site_roots = list(site_model.objects.values_list("root_page__path", "pk"))
    by_site = {}
    for pk, group_site, page_path in token_model.objects.filter(
        site__isnull=True
    ).values_list("pk", "group__site_id", "questionnaire__path"):
        if tree_site(site_roots, page_path) == group_site:
            by_site.setdefault(group_site, []).append(pk)
    for site_id, pks in by_site.items():
        token_model.objects.filter(pk__in=pks).update(site_id=site_id)
    by_site = {}
    for pk, group_site, token_site in answer_model.objects.filter(
        site__isnull=True
    ).values_list("pk", "group__site_id", "token__site_id"):
        if token_site is not None and token_site == group_site:
            by_site.setdefault(token_site, []).append(pk)
    for site_id, pks in by_site.items():
        answer_model.objects.filter(pk__in=pks).update(site_id=site_id)
    return (
        token_model.objects.filter(site__isnull=True).count(),
        answer_model.objects.filter(site__isnull=True).count(),
    )
