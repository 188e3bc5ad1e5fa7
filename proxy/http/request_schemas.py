"""Request-body schemas of the proxy endpoints (OpenAI and Anthropic wire formats): the OpenAPI declaration
and the type check, in one place.

Each model names the fields Steward or the provider reads, with their JSON types; anything else passes
through untouched (`extra="allow"`), so new OpenAI fields keep working. Types are strict (no coercion:
`"stream": "true"` is refused, not read as true). `check_body` validates a parsed body against its
endpoint's model and turns the first problem into a 400 that names the field, e.g.
`messages[0].content[0].type`. Tool-call arguments are JSON inside a string; their nesting is bounded too.

The routes stay `DirectRoute`s (no per-request FastAPI machinery): the schema is declared with
`openapi_extra` and checked here, by pydantic-core, once per request.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from proxy.endpoints import Endpoint
from proxy.http.errors import BadRequest

MAX_DEPTH = 64  # arrays/objects inside one another; OpenAI's own structured-output limit is far lower
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def text_json_depth(text: str) -> int:
    """How deeply arrays/objects nest in a JSON text (valid or not), without parsing it."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for char in brackets:
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _bounded_json(value: str) -> str:
    if "[" in value or "{" in value:
        depth = text_json_depth(value)
        if depth > MAX_DEPTH:
            raise ValueError(f"the JSON in this string nests {depth} levels deep; the limit is {MAX_DEPTH}")
    return value


JsonText = Annotated[str, AfterValidator(_bounded_json)]


class Open(BaseModel):
    """Known fields typed; unknown fields allowed and passed through."""

    model_config = ConfigDict(extra="allow", strict=True)


class ContentPart(Open):
    type: str = Field(description="text, input_text, output_text, refusal, image_url, input_image, ...")
    text: str | None = None
    refusal: str | None = None


Content = str | list[ContentPart]


class FunctionCall(Open):
    name: str | None = None
    arguments: JsonText | None = Field(None, description="JSON text; nesting is limited to 64 levels")


class CustomCall(Open):
    name: str | None = None
    input: str | None = None


class ToolCall(Open):
    id: str | None = None
    type: str | None = None
    function: FunctionCall | None = None
    custom: CustomCall | None = None


class ChatMessage(Open):
    role: str
    content: Content | None = None
    name: str | None = None
    refusal: str | None = None
    tool_calls: list[ToolCall] | None = None
    tool_call_id: str | None = None
    function_call: FunctionCall | None = None


class Prediction(Open):
    type: str | None = None
    content: Content | None = None


class StreamOptions(Open):
    include_usage: bool | None = None


class _Common(Open):
    model: str = Field(min_length=1, description="a model offered by an approved tool, or tool-id/model")
    stream: bool | None = None
    stream_options: StreamOptions | None = None
    metadata: dict[str, Any] | None = Field(None, description="metadata.session_id groups a conversation")
    user: str | None = None


class ChatRequest(_Common):
    messages: list[ChatMessage] = Field(min_length=1)
    prediction: Prediction | None = None
    tools: list[dict[str, Any]] | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    max_completion_tokens: int | None = None
    n: int | None = None


class InputItem(Open):
    type: str | None = None
    role: str | None = None
    content: Content | None = None
    arguments: JsonText | None = None
    input: str | None = None
    output: Content | None = None
    summary: list[ContentPart] | None = None


class PromptReference(Open):
    id: str | None = None
    variables: dict[str, str | ContentPart] | None = None


class ResponsesRequest(_Common):
    input: str | list[InputItem]
    instructions: str | None = None
    prompt: PromptReference | None = None
    tools: list[dict[str, Any]] | None = None
    max_output_tokens: int | None = None


Tokens = list[int]
StringsOrTokens = str | list[str] | Tokens | list[Tokens]


class EmbeddingsRequest(_Common):
    input: StringsOrTokens
    dimensions: int | None = None
    encoding_format: str | None = None


class CompletionsRequest(_Common):
    prompt: StringsOrTokens
    suffix: str | None = None
    max_tokens: int | None = None


class AnthropicBlock(Open):
    type: str = Field(description="text, image, document, tool_use, tool_result, ...")
    text: str | None = None


class AnthropicMessage(Open):
    role: str
    content: str | list[AnthropicBlock]


class CountTokensRequest(Open):
    model: str = Field(min_length=1, description="a model offered by an approved tool, or tool-id/model")
    messages: list[AnthropicMessage] = Field(min_length=1)
    system: str | list[AnthropicBlock] | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: dict[str, Any] | None = None


class MessagesRequest(CountTokensRequest):
    max_tokens: int | None = None
    stream: bool | None = None
    metadata: dict[str, Any] | None = None
    stop_sequences: list[str] | None = None
    temperature: float | None = None


MODELS: dict[Endpoint, type[Open]] = {
    Endpoint.CHAT: ChatRequest,
    Endpoint.RESPONSES: ResponsesRequest,
    Endpoint.EMBEDDINGS: EmbeddingsRequest,
    Endpoint.COMPLETIONS: CompletionsRequest,
    Endpoint.MESSAGES: MessagesRequest,
    Endpoint.MESSAGES_COUNT: CountTokensRequest,
}
_ADAPTERS = {endpoint: TypeAdapter(model) for endpoint, model in MODELS.items()}

EXAMPLES: dict[Endpoint, dict[str, Any]] = {
    Endpoint.CHAT: {"model": "gpt-4o-mini", "messages": [
        {"role": "system", "content": "You help council staff draft letters."},
        {"role": "user", "content": "Draft a reply about the new bin collection days."}]},
    Endpoint.RESPONSES: {"model": "gpt-4o-mini", "instructions": "Answer in plain English.",
                         "input": "Summarise the parking permit policy in three bullet points."},
    Endpoint.EMBEDDINGS: {"model": "text-embedding-3-small", "input": ["Library opening hours"]},
    Endpoint.COMPLETIONS: {"model": "gpt-3.5-turbo-instruct", "prompt": "A short notice about road works:"},
    Endpoint.MESSAGES: {"model": "claude-sonnet-4-5", "max_tokens": 512, "system": "You help council staff.",
                        "messages": [{"role": "user", "content": "Draft a notice about the library's new hours."}]},
    Endpoint.MESSAGES_COUNT: {"model": "claude-sonnet-4-5",
                              "messages": [{"role": "user", "content": "How long is this prompt?"}]},
}


def check_body(endpoint: Endpoint, body: dict[str, Any]) -> None:
    """400 naming the first field whose type is wrong (or a required field that is missing)."""
    adapter = _ADAPTERS.get(endpoint)
    if adapter is None:
        return
    try:
        adapter.validate_python(body)
    except ValidationError as exc:
        param, message = describe(exc)
        raise BadRequest(f"Invalid '{param}': {message}." if param else f"{message}.", param=param or None,
                         code="invalid_type") from None


_PRIMITIVE_TAGS = frozenset({"str", "int", "float", "bool", "none", "dict", "list"})


def _is_tag(part: str | int) -> bool:
    """Union-member and validator labels pydantic puts in an error's location (not field names)."""
    return isinstance(part, str) and (part in _PRIMITIVE_TAGS or "[" in part or part[:1].isupper()
                                      or part.startswith("function-"))


def _parts(loc: tuple[str | int, ...]) -> list[str | int]:
    return [part for part in loc if not _is_tag(part)]


def _path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def describe(exc: ValidationError) -> tuple[str, str]:
    """The first field with a problem, and within it the most specific problem (the deepest path: for a
    union such as `str | list[part]` that is the part that failed, not "should be a string")."""
    errors = [(_parts(tuple(e["loc"])), str(e["msg"])) for e in exc.errors(include_url=False, include_input=False)]
    first = errors[0][0][:1]
    parts, message = max((e for e in errors if e[0][:1] == first), key=lambda e: len(e[0]))
    return _path(parts), message.removeprefix("Value error, ")


def openapi_body(model: type[BaseModel], example: dict[str, Any] | None = None,
                 required: bool = True) -> dict[str, Any]:
    """`openapi_extra` declaring `model` as the JSON request body (its definitions go to components,
    see `install_openapi_components`)."""
    media: dict[str, Any] = {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
    if example is not None:
        media["example"] = example
    return {"requestBody": {"required": required, "content": {"application/json": media}}}


def component_schemas(models: list[type[BaseModel]]) -> dict[str, Any]:
    """JSON schemas of `models` and everything they reference, keyed by name, with refs into components."""
    out: dict[str, Any] = {}
    for model in models:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        out.update(schema.pop("$defs", {}))
        out[model.__name__] = schema
    return out
