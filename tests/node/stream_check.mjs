// The official Node `openai` SDK against a running Steward gateway.
//
// Driven by tests/e2e/test_node_sdk.py:
//   STEWARD_BASE_URL=http://127.0.0.1:PORT/v1 STEWARD_API_KEY=... [STEWARD_REFUSED_KEY=...]
//   [STEWARD_DROP_MODEL=...] node stream_check.mjs
// Prints one JSON object on stdout; exits non-zero (with the error on stderr) if the SDK throws
// where it should not.
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

const baseURL = process.env.STEWARD_BASE_URL;
const apiKey = process.env.STEWARD_API_KEY;
const model = process.env.STEWARD_MODEL || 'steward-demo';
if (!baseURL || !apiKey) {
  console.error('set STEWARD_BASE_URL and STEWARD_API_KEY');
  process.exit(2);
}
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const messages = (text) => [{ role: 'user', content: text }];

async function chatStream(includeUsage) {
  const params = { model, messages: messages(`node stream usage=${includeUsage}`), stream: true };
  if (includeUsage) params.stream_options = { include_usage: true };
  const { data: stream, request_id } = await client.chat.completions.create(params).withResponse();
  let text = '';
  let chunks = 0;
  let emptyChoiceChunks = 0;
  let usage = null;
  let lastChunkHasUsage = false;
  for await (const chunk of stream) {
    chunks += 1;
    if (chunk.choices.length === 0) emptyChoiceChunks += 1;
    for (const choice of chunk.choices) text += choice.delta?.content ?? '';
    lastChunkHasUsage = Boolean(chunk.usage);
    if (chunk.usage) usage = chunk.usage;
  }
  return { request_id, text, chunks, emptyChoiceChunks, usage, lastChunkHasUsage };
}

async function responsesStream() {
  const { data: stream, request_id } = await client.responses
    .create({ model, input: 'node responses stream', instructions: 'Be brief.', stream: true })
    .withResponse();
  const types = [];
  let text = '';
  let finalText = null;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed') {
      finalText = event.response.output
        .flatMap((item) => item.content ?? [])
        .filter((part) => part.type === 'output_text')
        .map((part) => part.text)
        .join('');
    }
  }
  return { request_id, text, events: types.length, first: types[0], last: types[types.length - 1], finalText };
}

async function refused(key) {
  const other = new OpenAI({ baseURL, apiKey: key, maxRetries: 0, timeout: 20_000 });
  let chunks = 0;
  try {
    const stream = await other.chat.completions.create({ model, messages: messages('hi'), stream: true });
    for await (const _ of stream) chunks += 1;
    return { raised: null, chunks };
  } catch (err) {
    return {
      raised: err.constructor.name,
      permissionDenied: err instanceof OpenAI.PermissionDeniedError,
      status: err.status ?? null,
      policyClause: err.error?.policy_clause ?? null,
      chunks,
    };
  }
}

async function dropped(dropModel) {
  let chunks = 0;
  try {
    const stream = await client.chat.completions.create({ model: dropModel, messages: messages('drop'), stream: true });
    for await (const _ of stream) chunks += 1;
    return { raised: null, chunks };
  } catch (err) {
    return { raised: err.constructor.name, apiError: err instanceof OpenAI.APIError, code: err.error?.code ?? null, chunks };
  }
}

const result = {
  sdkVersion: JSON.parse(readFileSync(new URL('./node_modules/openai/package.json', import.meta.url))).version,
  chatWithUsage: await chatStream(true),
  chatWithoutUsage: await chatStream(false),
  responses: await responsesStream(),
};
if (process.env.STEWARD_REFUSED_KEY) result.refused = await refused(process.env.STEWARD_REFUSED_KEY);
if (process.env.STEWARD_DROP_MODEL) result.dropped = await dropped(process.env.STEWARD_DROP_MODEL);
process.stdout.write(JSON.stringify(result) + '\n');
