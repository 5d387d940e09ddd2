"""axe-core (vendored in tests/vendor/axe-core) run in a Playwright page: the WCAG 2.0/2.1 A and AA rules.

The app's Content-Security-Policy (`script-src 'self'`) refuses an injected
inline script, so the pages axe checks are opened in a context made by
`axe_context`, which bypasses the CSP. Only those contexts do: every other
browser test keeps the real policy, so a script the CSP would block still fails there.
"""

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Violations, and the results axe could not decide ("incomplete", needing review) as well: an
# aria-label on a plain <div> lands there, and a screen reader ignores it all the same. Left
# out: the contrast of text that is only symbols (an icon glyph), which is not text to read.
_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(result => {
    const symbolsOnly = (rule, node) => rule.id === 'color-contrast'
        && node.any.some(check => check.data && check.data.messageKey === 'nonBmp');
    const described = (rule, review) => ({
        id: rule.id, impact: review ? `needs review, ${rule.impact}` : rule.impact, help: rule.help,
        nodes: rule.nodes.filter(node => !symbolsOnly(rule, node)).map(node => ({
            target: node.target.join(' '), html: node.html,
            summary: node.failureSummary || node.any.map(check => check.message).join('; '),
        })),
    });
    return [...result.violations.map(rule => described(rule, false)),
            ...result.incomplete.map(rule => described(rule, true))].filter(rule => rule.nodes.length);
})"""


def axe_context(browser: Browser, locale: str = "fi-FI", **options) -> BrowserContext:
    """A browser context (Finnish unless `locale` says otherwise) whose pages axe can be injected into
    (the CSP bypassed, see above)."""
    return browser.new_context(bypass_csp=True, locale=locale, **options)


def violations(page: Page) -> list[dict]:
    """Run axe on the page as it is now; each violation (or result to review) with its rule, impact,
    help and failing nodes."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SOURCE)
    return page.evaluate(_RUN, WCAG_AA_TAGS)


def report(found: list[dict]) -> str:
    """The violations as text that says what to fix and where."""
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            lines.append("        " + node["summary"].replace("\n", "\n        "))
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    found = violations(page)
    width = page.viewport_size["width"] if page.viewport_size else "?"
    assert not found, (
        f"axe found {len(found)} WCAG 2.1 A/AA violation(s) on {page.url} at {width} px wide:\n{report(found)}"
    )
