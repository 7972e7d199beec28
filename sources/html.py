"""HTML articles: the main text and metadata, with the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser

# Elements whose content is never article text.
_SKIP = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "button",
    "select",
    "template",
    "iframe",
    "figcaption",
}
# Elements that end a line of text.
_BLOCK = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "figure",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "hr",
}
_META = {
    "og:title": "title",
    "twitter:title": "title",
    "og:site_name": "outlet",
    "article:published_time": "published",
    "date": "published",
    "pubdate": "published",
    "og:url": "url",
    "dc.date": "published",
    "dc.title": "title",
    "publisher": "outlet",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "col", "embed"}


class _ArticleParser(HTMLParser):
    """Collects visible text by block, the <title>, <meta> fields and the article root."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.article_chunks: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._skip = 0
        self._article = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _META and a.get("content") and _META[key] not in self.meta:
                self.meta[_META[key]] = a["content"].strip()
        elif tag == "html" and a.get("lang"):
            self.meta.setdefault("language", a["lang"].split("-")[0])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("published", a["datetime"].strip())
        if tag in _VOID:
            self._newline() if tag in _BLOCK else None
            return
        if tag in _SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "article":
            self._article += 1
        if tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag == "article" and self._article:
            self._article -= 1
        if tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            text = " ".join(data.split())
            if text:
                self._add(text)

    def _add(self, text: str) -> None:
        for chunks in (self.chunks, self.article_chunks) if self._article else (self.chunks,):
            if chunks and not chunks[-1].endswith("\n"):
                chunks.append(" ")
            chunks.append(text)

    def _newline(self) -> None:
        for chunks in (self.chunks, self.article_chunks) if self._article else (self.chunks,):
            if chunks and not chunks[-1].endswith("\n"):
                chunks.append("\n\n")


def html_to_article(markup: str) -> tuple[str, dict[str, str]]:
    """The article's text (paragraphs split by blank lines) and its metadata."""
    parser = _ArticleParser()
    parser.feed(markup)
    parser.close()
    chunks = parser.article_chunks or parser.chunks
    text = "".join(chunks).strip() + "\n"
    meta = dict(parser.meta)
    if parser.title.strip():
        meta.setdefault("title", " ".join(parser.title.split()))
    return text, meta
