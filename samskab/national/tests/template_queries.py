"""A test guard: records every SQL query run while a Django template renders.

Views hand templates evaluated data (lists, related objects loaded, request.user
resolved), so a template never queries on its own. Context processors run inside
template rendering and count too.

django-zen-queries does the same with an execute wrapper, but its last release (2.1.0,
2021) is tested up to Django 3.1 only; Django's own `connection.execute_wrapper` is all
it needs, and lets the guard say which template line ran the query.
"""

import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from django.db import connections
from django.template.backends.django import Template as BackendTemplate
from django.template.base import Node, TokenType
from django.template.context import RequestContext
from django.template.loader_tags import BlockNode, ExtendsNode

_RENDER_ANNOTATED = Node.render_annotated.__code__
# bind_template is a @contextmanager: its generator runs the context processors.
_BIND_TEMPLATE = RequestContext.bind_template.__wrapped__.__code__
_PROJECT = str(Path(__file__).resolve().parents[2])


@dataclass(frozen=True)
class TemplateQuery:
    sql: str
    #: "forms/dkfds_field.html:30 {{ field }} in app/page.html:12 {{ form }}", or the
    #: context processor that ran the query.
    where: str
    #: The innermost line of project code on the stack, if any (a model property, a tag).
    code: str

    def __str__(self):
        code = f" (via {self.code})" if self.code else ""
        return f"{self.where}{code}\n      {self.sql}"


def _node(frame) -> str:
    node = frame.f_locals["self"]
    token = getattr(node, "token", None)
    origin = getattr(node, "origin", None)
    name = getattr(origin, "template_name", None) or "<string>"
    if token is None:
        return f"{name} {type(node).__name__}"
    braces = "{{ %s }}" if token.token_type == TokenType.VAR else "{%% %s %%}"
    return f"{name}:{token.lineno} {braces % token.contents}"


def _where(page: str) -> tuple[str, str]:
    """The template node (or context processor) and the project line running now."""
    frame = sys._getframe(2)
    code = ""
    nodes: list[str] = []
    inner = None
    while frame is not None:
        filename = frame.f_code.co_filename
        if not code and filename.startswith(_PROJECT) and "/tests/" not in filename:
            relative = Path(filename).relative_to(_PROJECT)
            code = f"{relative}:{frame.f_lineno} {frame.f_code.co_name}"
        if frame.f_code is _RENDER_ANNOTATED and not isinstance(
            frame.f_locals["self"], BlockNode | ExtendsNode
        ):
            nodes.append(_node(frame))
        if frame.f_code is _BIND_TEMPLATE and not nodes and inner is not None:
            return f"context processor {inner.f_code.co_name}()", code
        inner = frame
        frame = frame.f_back
    if not nodes:
        return "<template>", code
    # The innermost node ran the query; the innermost one in the page's own template says
    # where the page asked for it (a form, an include, a tag).
    in_page = next((node for node in nodes if node.startswith(f"{page}:")), None)
    if in_page is None or in_page == nodes[0]:
        return nodes[0], code
    return f"{nodes[0]} in {in_page}", code


@contextmanager
def template_queries():
    """Yield a list that fills with a TemplateQuery for each query run inside a template."""
    found: list[TemplateQuery] = []
    original = BackendTemplate.render
    depth = 0
    page = ""

    def record(execute, sql, params, many, context):
        found.append(TemplateQuery(sql, *_where(page)))
        return execute(sql, params, many, context)

    def render(self, context=None, request=None):
        # Form widgets render templates inside templates: wrap the outermost render only.
        nonlocal depth, page
        with ExitStack() as stack:
            if depth == 0:
                page = self.origin.template_name or ""
                for connection in connections.all():
                    stack.enter_context(connection.execute_wrapper(record))
            depth += 1
            try:
                return original(self, context, request)
            finally:
                depth -= 1

    with mock.patch.object(BackendTemplate, "render", render):
        yield found


def describe(page: str, queries: list[TemplateQuery]) -> str:
    lines = [f"{page}: {len(queries)} SQL queries while the template rendered:"]
    lines += [f"  {query}" for query in queries]
    return "\n".join(lines)
