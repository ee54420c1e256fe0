"""Public pages in Chromium under a strict Content-Security-Policy.

The example site sends no policy of its own; these tests put the strictest one
a school's server could send on every response and record what it blocks.
"""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`));"""


def enforce_strict_csp(page):
    """Every response ``page`` loads carries ``CSP``; violations are recorded."""

    def with_policy(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": CSP}
        route.fulfill(response=response, headers=headers)

    page.route("**/*", with_policy)
    page.add_init_script(RECORD_VIOLATIONS)


def violations(page):
    """What the policy blocked so far (events arrive asynchronously: wait first)."""
    return page.evaluate("() => window.__violations")
