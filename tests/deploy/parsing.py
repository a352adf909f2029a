"""Small readers for the deployment files, so their tests check structure without a Docker engine.

- Compose variable interpolation (`${VAR}`, `${VAR:-default}`, `${VAR:?error}`, `$$`), as Compose does it.
- Dockerfile instructions (continuations, comments, exec-form JSON, ENV pairs, stages).
- nginx configuration: a tree of directives and blocks, and nginx's own location selection.
- Makefile recipes of one target.
"""

import json
import re
import shlex
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# --- Compose interpolation ------------------------------------------------------------------------


class MissingVariable(LookupError):
    """A `${VAR:?message}` (or `${VAR?message}`) whose variable is not set."""


_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?])?(?P<arg>[^}]*)\}"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


def interpolate(value: str, env: Mapping[str, str]) -> str:
    """`value` with Compose's variable substitution applied from `env`."""

    def substitute(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        if match["plain"]:
            return env.get(match["plain"], "")
        name, op, arg = match["braced"], match["op"], match["arg"]
        current = env.get(name)
        unset_or_empty = current is None or (op is not None and op.startswith(":") and current == "")
        if op in (":-", "-"):
            return arg if unset_or_empty else str(current)
        if op in (":?", "?"):
            if unset_or_empty:
                raise MissingVariable(f"{name}: {arg}")
            return str(current)
        return current or ""

    return _VARIABLE.sub(substitute, value)


def variables(value: str) -> list[tuple[str, str | None]]:
    """The variables `value` names, each with its operator (`:?`, `:-`, … or None)."""
    return [(m["braced"] or m["plain"], m["op"]) for m in _VARIABLE.finditer(value) if not m["escaped"]]


def environment(service: Mapping[str, object]) -> dict[str, str]:
    """A service's `environment`, in either of Compose's two forms, as uninterpolated strings."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        pairs = (str(item).split("=", 1) for item in raw)
        return {p[0]: (p[1] if len(p) > 1 else "") for p in pairs}
    assert isinstance(raw, dict)
    return {str(k): "" if v is None else str(v) for k, v in raw.items()}


# --- Dockerfile -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper-case: FROM, RUN, COPY, ENV, CMD, HEALTHCHECK…
    value: str  # everything after the keyword, continuations joined

    def exec_form(self) -> list[str]:
        """The JSON array of an exec-form CMD / ENTRYPOINT / HEALTHCHECK CMD."""
        text = self.value
        if self.keyword == "HEALTHCHECK":
            text = text[text.index("CMD") + 3 :]
        parsed = json.loads(text.strip())
        assert isinstance(parsed, list) and all(isinstance(p, str) for p in parsed), parsed
        return parsed

    def options(self) -> dict[str, str]:
        """`--flag=value` options before the arguments (COPY --from=…, HEALTHCHECK --interval=…)."""
        return dict(re.findall(r"--([a-z-]+)=(\S+)", self.value.split("CMD")[0]))

    def env_pairs(self) -> dict[str, str]:
        words = shlex.split(self.value)
        if words and "=" not in words[0]:  # legacy `ENV KEY value with spaces`
            return {words[0]: " ".join(words[1:])}
        return dict(word.split("=", 1) for word in words)


def dockerfile(path: Path) -> list[Instruction]:
    """The instructions of a Dockerfile, in order."""
    instructions: list[Instruction] = []
    pending = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        whole = (pending + stripped).strip()
        pending = ""
        keyword, _, value = whole.partition(" ")
        instructions.append(Instruction(keyword.upper(), value.strip()))
    assert not pending, f"{path}: the last instruction ends in a continuation"
    return instructions


def stages(instructions: list[Instruction]) -> list[list[Instruction]]:
    """The instructions split into build stages, each starting at its FROM."""
    out: list[list[Instruction]] = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            out.append([])
        if out:
            out[-1].append(instruction)
    return out


# --- nginx ----------------------------------------------------------------------------------------


@dataclass
class Directive:
    name: str
    args: list[str]
    block: list["Directive"] | None = None
    parent: "Directive | None" = field(default=None, repr=False, compare=False)

    def children(self, name: str) -> list["Directive"]:
        return [d for d in self.block or [] if d.name == name]

    def child(self, name: str) -> "Directive | None":
        found = self.children(name)
        return found[-1] if found else None

    def walk(self) -> Iterator["Directive"]:
        for directive in self.block or []:
            yield directive
            yield from directive.walk()


def _tokens(text: str) -> Iterator[str]:
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif ch in "{};":
            yield ch
            i += 1
        elif ch in "\"'":
            end = i + 1
            while end < n and text[end] != ch:
                end += 2 if text[end] == "\\" else 1
            yield text[i + 1 : end]
            i = end + 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in "{};":
                i += 1
            yield text[start:i]


def nginx(text: str) -> Directive:
    """The configuration as a tree; the root is a pseudo-directive holding the top level."""
    root = Directive("<root>", [], [])
    stack = [root]
    words: list[str] = []
    for token in _tokens(text):
        if token == ";":
            assert words, "an empty nginx directive"
            stack[-1].block.append(Directive(words[0], words[1:], parent=stack[-1]))  # type: ignore[union-attr]
            words = []
        elif token == "{":
            assert words, "a block without a name"
            block = Directive(words[0], words[1:], [], parent=stack[-1])
            stack[-1].block.append(block)  # type: ignore[union-attr]
            stack.append(block)
            words = []
        elif token == "}":
            assert not words and len(stack) > 1, "unbalanced braces"
            stack.pop()
        else:
            words.append(token)
    assert not words and len(stack) == 1, "unterminated nginx directive or block"
    return root


def select_location(server: Directive, uri: str) -> Directive:
    """The `location` of `server` that nginx picks for `uri` (exact, ^~, regex in order, longest prefix)."""
    exact: Directive | None = None
    best_prefix: Directive | None = None
    regexes: list[tuple[Directive, re.Pattern[str]]] = []
    for location in server.children("location"):
        args = location.args
        if args[0] == "=" and args[1] == uri:
            exact = location
        elif args[0] in ("~", "~*"):
            regexes.append((location, re.compile(args[1], re.IGNORECASE if args[0] == "~*" else 0)))
        else:
            prefix = args[-1]
            longer = best_prefix is None or len(prefix) > len(best_prefix.args[-1])
            if args[0] != "=" and uri.startswith(prefix) and longer:
                best_prefix = location
    if exact is not None:
        return exact
    if best_prefix is not None and best_prefix.args[0] == "^~":
        return best_prefix
    for location, pattern in regexes:
        if pattern.search(uri):
            return location
    assert best_prefix is not None, f"no location of the server matches {uri}"
    return best_prefix


def effective(location: Directive, name: str) -> list[Directive]:
    """The `name` directives that apply in `location`: its own, else the nearest enclosing block's."""
    block: Directive | None = location
    while block is not None:
        found = block.children(name)
        if found:
            return found
        block = block.parent
    return []


def resolve_variables(value: str, location: Directive) -> str:
    """`value` with `$name` replaced by the `set $name …` of the enclosing blocks."""
    known: dict[str, str] = {}
    block: Directive | None = location
    while block is not None:
        for directive in block.children("set"):
            known.setdefault(directive.args[0].lstrip("$"), directive.args[1])
        block = block.parent
    return re.sub(r"\$([A-Za-z_][A-Za-z0-9_]*)", lambda m: known.get(m[1], m[0]), value)


# --- Makefile -------------------------------------------------------------------------------------


def make_recipe(path: Path, target: str) -> list[str]:
    """The recipe lines of `target` in a Makefile (tab-indented lines after `target:`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    recipe: list[str] = []
    inside = False
    for line in lines:
        if re.match(rf"^{re.escape(target)}\s*:(?!=)", line):
            inside = True
            continue
        if inside:
            if line.startswith("\t"):
                recipe.append(line.strip().lstrip("@-+"))
            elif line.strip():
                break
    return recipe
