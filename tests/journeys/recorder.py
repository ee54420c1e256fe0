"""A person's journey through the browser, recorded.

One journey is written once and walked at two paces (:data:`PACES`):
*automation* (Playwright's own speed, no waits between steps) and *person*
(a pause before every step, as Playwright's ``slow_mo`` would add, and typing
key by key with a delay). The shared Chromium of the session is kept: the
pause is the recorder's, since ``slow_mo`` is an option of a whole browser.

What the browser sees is counted by the page itself (an init script reporting
through an exposed binding, so nothing is missed however a step is written):

* **clicks**: trusted clicks (a person's, or Playwright's mouse), but not
  a click into a text field or a list to fill it;
* **fields**: the fields a person fills or chooses, each once per page
  (a checkbox or a radio button is a click, not a field);
* **page loads**: every document the main frame loads.

And on every page a journey visits, the recorder holds what issue 25 asks:

* no answer of 500 or above (``page.on("response")``);
* no English word and no known wrong agreement in the text shown
  (:func:`tests.russian_text.problems` on the rendered text);
* no dead end: the page's main part offers a link or a button onward or back;
* no lost input: :meth:`Journey.type` remembers what was typed and
  :meth:`Journey.saved` checks, after the server has answered a save, that
  the page it shows holds the values typed.
"""

import html
from dataclasses import dataclass, field

import pytest

from tests.russian_text import problems


@dataclass(frozen=True)
class Pace:
    name: str
    step_ms: int  # the pause before each step (Playwright's slow_mo)
    key_ms: int  # between keys when typing (0: ``fill`` at once)


# Wagtail 8's own English, which no catalogue of the package can translate
# (reported upstream; tests/access/test_admin_speaks_russian.py skips the
# first too): the dashboard search's screen-reader button (value="Search",
# no {% trans %}) and the login form's password field, which has no label and
# so shows Django's field name. Whole lines of the text shown.
WAGTAIL_OWN_LINES = {"Search", "Password*", "Password"}

PACES = (Pace("automation", 0, 0), Pace("person", 150, 40))
pace_params = pytest.mark.parametrize("pace", PACES, ids=[p.name for p in PACES])

# What the page reports of itself, at each load and at each user event.
INIT_SCRIPT = """
(() => {
  if (window.__journeyInstalled) return;
  window.__journeyInstalled = true;
  const send = (kind, data) => { try { window.__journeyEvent(kind, data); } catch (e) {} };
  const TOGGLES = new Set(['checkbox', 'radio', 'submit', 'button', 'reset', 'image']);
  const filled = new Set();
  // A click into a field to type or choose is part of filling it: counted
  // once as a field, not as a click.
  const isField = (el) => el && el.tagName && (
    ['SELECT', 'TEXTAREA'].includes(el.tagName)
    || (el.tagName === 'INPUT' && !TOGGLES.has(el.type) && el.type !== 'file'));
  document.addEventListener('click', (event) => {
    if (event.isTrusted && !isField(event.target)) send('click', '');
  }, true);
  const onField = (event) => {
    const el = event.target;
    if (!el || !el.tagName || !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return;
    if (el.tagName === 'INPUT' && TOGGLES.has(el.type)) return;
    const key = el.name || el.id || el.tagName;
    if (filled.has(key)) return;
    filled.add(key);
    send('field', key);
  };
  document.addEventListener('input', onField, true);
  document.addEventListener('change', onField, true);
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const report = () => {
    if (window.top !== window) return;
    const main = document.querySelector('main, #main, [role=main]') || document.body;
    const onward = [...main.querySelectorAll(
      'a[href], button, input[type=submit], input[type=button]'
    )].filter(visible).filter(el => {
      const href = el.getAttribute('href');
      return href === null || !href.startsWith('#') || href.length > 1;
    }).length;
    const shown = [...document.querySelectorAll('[placeholder], input[type=submit][value]')]
      .filter(visible).map(el => el.getAttribute('placeholder') || el.value);
    send('page', {
      url: location.href,
      text: (document.body ? document.body.innerText : '') + '\\n' + shown.join('\\n'),
      onward: onward,
    });
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', report);
  } else {
    report();
  }
})();
"""


@dataclass
class Tally:
    clicks: int = 0
    fields: int = 0
    page_loads: int = 0

    def __add__(self, other):
        return Tally(
            self.clicks + other.clicks,
            self.fields + other.fields,
            self.page_loads + other.page_loads,
        )


@dataclass
class Journey:
    """The browser page of one journey, its pace and what it recorded.

    ``allowed`` are Latin words of the world the journey builds (usernames,
    a file's name) that may be shown.
    """

    page: object
    pace: Pace
    allowed: set = field(default_factory=lambda: {"localhost"})
    tally: Tally = field(default_factory=Tally)
    stages: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    visited: list = field(default_factory=list)
    pending: list = field(default_factory=list)
    results: dict = field(default_factory=dict)

    def __post_init__(self):
        self.page.context.expose_binding("__journeyEvent", self._event)
        self.page.context.add_init_script(INIT_SCRIPT)
        self.page.on("response", self._response)

    # What the page reports
    def _event(self, _source, kind, data):
        if kind == "click":
            self.tally.clicks += 1
        elif kind == "field":
            self.tally.fields += 1
        elif kind == "page":
            self.tally.page_loads += 1
            self.visited.append(data["url"])
            text = "\n".join(
                line
                for line in data["text"].splitlines()
                if line.strip() not in WAGTAIL_OWN_LINES
            )
            found = problems(f"<p>{html.escape(text)}</p>", self.allowed)
            if found:
                self.errors.append(f"not Russian on {data['url']}: {found}")
            if not data["onward"]:
                self.errors.append(f"dead end (no link or button): {data['url']}")

    def _response(self, response):
        if response.status >= 500:
            self.errors.append(f"{response.status} from {response.url}")

    # The person's steps, at the journey's pace
    def pause(self):
        if self.pace.step_ms:
            self.page.wait_for_timeout(self.pace.step_ms)

    def click(self, locator, *, navigates=True):
        """A click; by default one that loads the next page."""
        self.pause()
        if navigates:
            with self.page.expect_navigation():
                locator.click()
        else:
            locator.click()

    def type(self, locator, text, *, shown=None):
        """Type ``text`` into a field; after the save, the server must show
        it (as ``shown`` where the page shows it otherwise, a date say)."""
        if isinstance(locator, str):
            locator = self.page.locator(locator)
        self.pause()
        if self.pace.key_ms:
            # Clicked into, what is there selected and typed over: Wagtail's
            # date picker writes today's date into an empty field on the
            # click, and a person replaces it.
            locator.click()
            locator.press("ControlOrMeta+a")
            locator.press_sequentially(text, delay=self.pace.key_ms)
        else:
            locator.fill(text)
        self.pending.append((locator, text, shown or text))

    def choose(self, locator, **option):
        if isinstance(locator, str):
            locator = self.page.locator(locator)
        self.pause()
        locator.select_option(**option)

    def check(self, locator):
        self.pause()
        locator.check()

    def goto(self, url):
        """A person follows an address given to them (a link in a letter)."""
        self.pause()
        return self.page.goto(url)

    def saved(self):
        """The page the server answered a save with keeps what was typed:
        in the same field if the page has it again, else in its text."""
        text = None
        for locator, typed, shown in self.pending:
            if locator.count() and locator.first.is_visible():
                value = locator.first.input_value()
                assert value.replace("\r\n", "\n") == typed, (typed, value)
            else:
                text = text if text is not None else self.page.inner_text("body")
                assert shown in text, f"«{shown}» typed, not shown after saving"
        self.pending.clear()

    def stage(self, name):
        """Start counting a named part of the journey (for the benchmark)."""
        self.stages[name] = Tally(**vars(self.tally))

    def since(self, name):
        self.page.wait_for_load_state()
        start = self.stages[name]
        return Tally(
            self.tally.clicks - start.clicks,
            self.tally.fields - start.fields,
            self.tally.page_loads - start.page_loads,
        )

    def record(self, part, tally=None):
        """Keep a part's figures (the whole journey's by default) for the
        benchmark's table."""
        self.page.wait_for_load_state()
        self.results[part] = tally or Tally(**vars(self.tally))
        return self.results[part]

    def assert_clean(self):
        """No 500, no English word, no dead end on any page visited."""
        self.page.wait_for_load_state()
        assert not self.errors, "\n".join(self.errors)
        assert self.visited, "the journey visited no page"
