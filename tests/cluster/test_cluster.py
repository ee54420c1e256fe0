"""Two app servers behind HAProxy, one PostgreSQL, Redis, S3 and the worker:
what a municipality's installation must keep true across servers.

The stack is started once by `scripts/cluster up` (conftest.py) and loaded
with the demo school; requests go over real sockets to each server or to
the balancer.
"""

import datetime
import re
import threading
import time
import urllib.parse

import pytest
from demo.client import order_form

pytestmark = pytest.mark.slow(
    reason="starts PostgreSQL's database, Redis, S3, two gunicorn servers, "
    "HAProxy and the worker (tens of seconds before the first test)"
)


def get(url, session=None, **kwargs):
    import requests  # the cluster extra

    kwargs.setdefault("timeout", 30)
    kwargs.setdefault("allow_redirects", False)
    return (session or requests).get(url, **kwargs)


def test_the_stack_reports_every_component_up(cluster):
    checked = cluster.script("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for name in ("postgres", "redis", "s3", "app1", "app2", "haproxy", "worker"):
        assert re.search(rf"^{name}\s+up\b", checked.stdout, re.MULTILINE), name
    assert "balancer: UP" in checked.stdout


def test_a_revocation_through_server_1_is_what_server_2_serves_next(cluster, inventory):
    order = inventory["revocable_order"]
    server1, server2 = cluster.servers["app1"], cluster.servers["app2"]
    detail = server2 + order["detail_url"]
    # Server 2 has the record's page in the shared cache, in force.
    for _ in range(2):
        before = get(detail)
        assert before.status_code == 200
        assert "registry__status--in_force" in before.text

    secretary = cluster.login(server1)
    form = get(server1 + order["revoke_url"], secretary)
    assert form.status_code == 200, form.text[:500]
    revoked = secretary.post(
        server1 + order["revoke_url"],
        data={
            "csrfmiddlewaretoken": secretary.cookies["csrftoken"],
            "revoked_on": datetime.date.today().isoformat(),
            "note": "Отменён в проверке двух серверов",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert revoked.status_code == 302, revoked.text[:1000]

    after = get(detail)
    assert after.status_code == 200
    assert "registry__status--revoked" in after.text
    assert "registry__status--in_force" not in after.text


def test_registrations_from_both_servers_at_once_skip_and_repeat_no_number(
    cluster, inventory
):
    import requests

    # One sign-in (through server 1) is valid on both: the session is shared.
    signed_in = cluster.login(cluster.servers["app1"])
    prefix = f"О кластере {time.time_ns()}"
    per_thread, threads_per_server = 3, 3
    results = []

    def register(base, thread_no):
        session = requests.Session()
        session.cookies.update(signed_in.cookies)
        for n in range(per_thread):
            response = session.post(
                base + inventory["order_add_url"],
                data=order_form(
                    session,
                    f"{prefix} {base[-5:]}-{thread_no}-{n}",
                    inventory["site"],
                ),
                allow_redirects=False,
                timeout=60,
            )
            results.append(response.status_code)

    threads = [
        threading.Thread(target=register, args=(base, n))
        for base in cluster.servers.values()
        for n in range(threads_per_server)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    expected = per_thread * threads_per_server * len(cluster.servers)
    assert results == [302] * expected, results

    found = cluster.django("orders", prefix)
    seqs = sorted(int(number.split("-")[0]) for number in found["numbers"])
    assert len(seqs) == expected
    assert len(set(seqs)) == expected, f"duplicate numbers: {seqs}"
    last = found["last_seq"]
    assert seqs == list(range(last - expected + 1, last + 1)), f"gaps: {seqs}"


def test_private_files_are_reached_only_through_the_sites_checks(cluster, inventory):
    import requests

    front = cluster.front
    s3 = cluster.s3()
    keys = [
        item["Key"]
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=cluster.bucket)
        for item in page.get("Contents", [])
    ]
    assert inventory["private_document"]["file"] in keys
    assert inventory["hidden_rendition"] in keys
    # No object of the bucket answers an anonymous request at its bucket
    # address, whatever it is (documents, originals, renditions, photos).
    for key in keys:
        response = get(
            f"{cluster.s3_endpoint}/{cluster.bucket}/{urllib.parse.quote(key)}"
        )
        assert response.status_code == 403, (key, response.status_code)
        acl = s3.get_object_acl(Bucket=cluster.bucket, Key=key)
        assert all("AllUsers" not in str(g["Grantee"]) for g in acl["Grants"]), key

    # Nothing is given a bucket address or a signed link through any URL
    # shape of the site: documents stream from the serve view, renditions from
    # the rendition view, the photo from its portfolio.
    def assert_streamed_not_redirected(response):
        assert cluster.s3_endpoint not in response.headers.get("Location", "")
        assert "X-Amz-" not in response.headers.get("Location", "")

    visitor = requests.Session()
    documents = inventory["documents"]
    public = [d for d in documents if d["public"]]
    refused = [d for d in documents if not d["public"]]
    # The demo school has both: published scans, drafts, a private collection.
    assert len(public) >= 3
    assert {d["file"] for d in refused} >= {
        inventory["private_document"]["file"],
        *(d["file"] for d in inventory["draft_documents"]),
    }
    assert {d["file"] for d in public} & set(inventory["published_scans"])
    for document in public:
        response = get(front + document["url"], visitor)
        assert response.status_code == 200, document
        body = s3.get_object(Bucket=cluster.bucket, Key=document["file"])["Body"]
        assert response.content == body.read()
    for document in refused:
        response = get(front + document["url"], visitor)
        assert response.status_code in (302, 403, 404), document
        assert_streamed_not_redirected(response)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/"), response.headers
    # Every stored file under the site's media address: an ordinary picture's
    # rendition only; originals, documents and people's photos never.
    for key in keys:
        response = get(f"{front}/media/{urllib.parse.quote(key)}", visitor)
        expected = 200 if key == inventory["picture_rendition"] else 404
        assert response.status_code == expected, (key, response.status_code)
    # The photo of a published portfolio with consent, through its page.
    shown = get(front + inventory["shown_photo"], visitor)
    assert shown.status_code == 200
    assert shown.headers["Content-Type"].startswith("image/")
    assert "private" in shown.headers["Cache-Control"]
    hidden = get(front + inventory["hidden_photo"], visitor)
    assert hidden.status_code == 404
    # Public pages name no bucket address.
    for path in ("/", "/mentoring/", "/mentoring/mentors/", "/mentoring/documents/"):
        page = get(front + path, visitor, allow_redirects=True)
        assert page.status_code == 200, path
        assert cluster.s3_endpoint not in page.text
        assert "X-Amz-" not in page.text


def test_a_server_killed_during_reads_loses_no_read_through_the_balancer(
    cluster, inventory
):
    import requests

    paths = ["/", "/mentoring/", "/mentoring/documents/", "/mentoring/mentors/"]
    failures, answered_after_kill = [], []
    killed_at = threading.Event()
    stop = threading.Event()
    reads_after_kill = 20

    def read(n):
        session = requests.Session()
        i = n
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            after_kill = killed_at.is_set()
            try:
                response = session.get(cluster.front + path, timeout=30)
            except requests.RequestException as error:
                failures.append((path, repr(error)))
                continue
            if response.status_code != 200:
                failures.append((path, response.status_code))
            elif after_kill:
                answered_after_kill.append(path)
            if len(answered_after_kill) >= reads_after_kill:
                stop.set()

    readers = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(1.5)
        killed = cluster.script("kill", "app1")
        assert killed.returncode == 0, killed.stderr
        killed_at.set()
        # Not a timing goal: a loaded machine may take long, but the readers
        # must get their reads after the kill answered, and none may fail.
        stop.wait(300)
    finally:
        stop.set()
        for reader in readers:
            reader.join(60)
    try:
        assert failures == []
        assert len(answered_after_kill) >= reads_after_kill
        checked = cluster.script("check")
        assert re.search(r"^app1\s+DOWN", checked.stdout, re.MULTILINE)
    finally:
        # The later tests of the module need both servers, whatever failed here.
        restarted = cluster.script("start", "app1")
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
