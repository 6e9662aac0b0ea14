"""The search language: user text -> a small query tree, or a QueryError a user can act on.

    Putin Lukaschenko          both words (AND)
    Putin OR Lukaschenko       either
    Russland -Putin            without Putin (also: NOT Putin)
    "Wladimir Putin"           the words in this order
    Verteidigungs*             a prefix (at least MIN_PREFIX letters)
    (Putin OR Lukaschenko) Minsk

Everything else (FTS5 and tsquery operators, SQL, punctuation, control characters) separates
words and is never passed on, so the compiled queries (chronik.store.search) hold only words that
this module produced. The tree is normalised: duplicate terms are dropped, and past MAX_TERMS terms
or MAX_PREFIXES prefixes the rest is left out with a notice, so a pasted word list costs about as
much as a short query.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from chronik.errors import ConfigError

MAX_CHARS = 2_000  # longer text is not a query but a pasted document
MAX_TERMS = 12  # words and phrases searched; each may expand to its inflections and name variants
MAX_PREFIXES = 3  # a prefix merges the index entries of every word it starts
MIN_PREFIX = 3  # `a*` would read most of the index
MAX_DEPTH = 8  # nested parentheses


class QueryError(ConfigError):
    """The search text cannot be read as a query; the message says where and what to write
    instead. (A usage error: the CLI exits with 2, the web answers 400.)"""


@dataclass(frozen=True)
class Term:
    """One word, a quoted phrase (several words in order) or a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words) + ("*" if self.prefix else "")


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]
    excluded: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


Node = Term | And | Or


@dataclass
class Query:
    root: Node
    notices: list[str] = field(default_factory=list)

    def terms(self) -> list[Term]:
        return list(_terms(self.root))


def _terms(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node]
    out: list[Term] = []
    for child in (*node.items, *(node.excluded if isinstance(node, And) else ())):
        out.extend(_terms(child))
    return out


def fold(text: str) -> str:
    """Lower case without diacritics (ä -> a), as the FTS5 index stores words; ß stays."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


_TOKEN = re.compile(
    r"(?P<neg>(?<![^\s(])-)?"
    r'(?:(?P<phrase>"[^"]*")|(?P<open>\()|(?P<close>\))|(?P<word>\w+)(?P<star>\*)?)'
    r'|(?P<quote>")',
    re.UNICODE,
)
WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def parse(text: str) -> Query | None:
    """The query tree, or None when the text holds no word at all (an empty search)."""
    if len(text) > MAX_CHARS:
        raise QueryError(
            f"the search text is {len(text):,} characters long; give at most {MAX_CHARS:,} "
            "(a few words, phrases in quotes)"
        )
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    parser = _Parser(_tokenize(text))
    if not parser.tokens:
        return None
    root = parser.parse_or(0)
    if parser.peek() is not None:  # only a ')' stops the top level early
        raise QueryError("unbalanced parenthesis: a ')' without its '('; remove it or add '('")
    if root is None:
        if parser.dropped_operators:
            raise QueryError(
                "the search has operators but no word to find; give a word, e.g. Putin OR Minsk"
            )
        return None
    return Query(root, parser.notices)


def _tokenize(text: str) -> list[tuple[str, ...]]:
    """Tokens: ('word', w, star, neg), ('phrase', words, neg), ('open', neg), ('close',),
    ('or',), ('not',)."""
    tokens: list[tuple] = []
    for m in _TOKEN.finditer(text):
        neg = bool(m.group("neg"))
        if m.group("quote"):
            raise QueryError(
                'unbalanced quotation mark: close the phrase with " or remove the quote'
            )
        if m.group("phrase"):
            tokens.append(("phrase", tuple(WORDS.findall(m.group("phrase"))), neg))
        elif m.group("open"):
            tokens.append(("open", neg))
        elif m.group("close"):
            tokens.append(("close",))
        elif m.group("word") in ("OR", "AND", "NOT") and not neg and not m.group("star"):
            tokens.append((m.group("word").lower(),))
        else:
            for i, word in enumerate(WORDS.findall(m.group("word"))):  # a_b: two words
                star = bool(m.group("star")) and i == len(WORDS.findall(m.group("word"))) - 1
                tokens.append(("word", word, star, neg and i == 0))
    return tokens


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary+;
    unary := [- | NOT] (group | phrase | word)."""

    def __init__(self, tokens: list[tuple]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.notices: list[str] = []
        self.seen: set[Term] = set()
        self.n_terms = 0
        self.n_prefixes = 0
        self.dropped_operators = False

    def peek(self) -> tuple | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse_or(self, depth: int) -> Node | None:
        if depth > MAX_DEPTH:
            raise QueryError(f"parentheses nested more than {MAX_DEPTH} deep; use fewer")
        items = [self.parse_and(depth)]
        while (tok := self.peek()) is not None and tok[0] == "or":
            self.pos += 1
            if items[-1] is None or self.peek() is None or self.peek()[0] in ("or", "close"):
                raise QueryError("OR needs a word on each side, e.g. Putin OR Lukaschenko")
            items.append(self.parse_and(depth))
        kept = tuple(dict.fromkeys(x for x in items if x is not None))
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(kept)

    def parse_and(self, depth: int) -> Node | None:
        found: list[Node] = []
        excluded: list[Node] = []
        while (tok := self.peek()) is not None and tok[0] not in ("or", "close"):
            neg, node = self.parse_unary(depth)
            if node is not None and node not in found and node not in excluded:
                (excluded if neg else found).append(node)
        if excluded and not found:
            raise QueryError(
                "an excluded word (-word, NOT word) needs a word to find as well, "
                "e.g. Russland -Putin"
            )
        if not found:
            return None
        if not excluded and len(found) == 1:
            return found[0]
        return And(tuple(found), tuple(excluded))

    def parse_unary(self, depth: int) -> tuple[bool, Node | None]:
        tok = self.tokens[self.pos]
        self.pos += 1
        if tok[0] in ("and", "not"):
            self.dropped_operators = True
            following = self.peek()
            if tok[0] == "not" and following is not None and following[0] not in ("or", "close"):
                neg, node = self.parse_unary(depth)
                return not neg, node
            return False, None
        if tok[0] == "open":
            node = self.parse_or(depth + 1)
            if self.peek() is None or self.peek()[0] != "close":
                raise QueryError("unbalanced parenthesis: a '(' without its ')'; close it")
            self.pos += 1
            return tok[1], node
        if tok[0] == "phrase":
            return tok[2], self.term(tok[1], False) if tok[1] else None
        return tok[3], self.term((tok[1],), tok[2])

    def term(self, words: tuple[str, ...], prefix: bool) -> Term | None:
        if prefix and len(words[-1]) < MIN_PREFIX:
            raise QueryError(
                f"the prefix {words[-1]}* is too short: give at least {MIN_PREFIX} letters "
                "before the *"
            )
        if prefix and self.n_prefixes >= MAX_PREFIXES:
            self._notice(f"only the first {MAX_PREFIXES} prefixes are searched as prefixes")
            prefix = False
        term = Term(tuple(fold(w) for w in words), prefix)
        if term in self.seen:
            return None
        if self.n_terms >= MAX_TERMS:
            self._notice(f"only the first {MAX_TERMS} words and phrases are searched")
            return None
        self.seen.add(term)
        self.n_terms += 1
        self.n_prefixes += prefix
        return Term(tuple(w.lower() for w in words), prefix)

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)
