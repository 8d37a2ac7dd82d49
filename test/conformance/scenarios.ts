/**
 * The plugin API 2 requests every plugin is run through, and the answers the
 * fakes give back. A plugin's test file says what its vendor's wire request
 * must be for each one (or that the plugin refuses it, by feature name).
 */
import type { ChatRequest, ToolDefinition } from '../../plugins/plugin-api.ts';
import type { FakeToolCall } from '../fakes/fake-server.ts';

/** A request minus what the suite fills in (model, signal). */
export type Scenario = Omit<ChatRequest, 'model' | 'signal'>;

export const WEATHER_TOOL: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};
export const TIME_TOOL: ToolDefinition = { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } };

/** System prompt, sampling options, stop sequences, max tokens and the end-user id. */
export const OPTIONS: Scenario = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello.' },
  ],
  temperature: 0.3,
  topP: 0.9,
  maxTokens: 50,
  stop: ['END'],
  endUser: 'user-42',
};

/** A seed (some vendors have none). */
export const SEED: Scenario = { messages: [{ role: 'user', content: 'Pick a number.' }], seed: 7 };

/** Tools offered, the model decides. */
export const TOOLS: Scenario = {
  messages: [{ role: 'user', content: 'Weather in Paris, and the time in Rome?' }],
  tools: [WEATHER_TOOL, TIME_TOOL],
  toolChoice: 'auto',
};
export const TOOL_CHOICE_NONE: Scenario = { ...TOOLS, toolChoice: 'none' };
export const TOOL_CHOICE_REQUIRED: Scenario = { ...TOOLS, toolChoice: 'required' };
export const TOOL_CHOICE_NAMED: Scenario = { ...TOOLS, toolChoice: { name: 'get_time' } };

/** A round trip: the assistant's text and two tool calls, both results, then the model answers. */
export const TOOL_HISTORY: Scenario = {
  messages: [
    { role: 'system', content: 'Use the tools.' },
    { role: 'user', content: 'Weather in Paris, and the time in Rome?' },
    {
      role: 'assistant',
      content: 'Let me check.',
      toolCalls: [
        { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'call_2', name: 'get_time', arguments: '{"zone":"Europe/Rome"}' },
      ],
    },
    { role: 'tool', toolCallId: 'call_1', content: '{"temp":21,"sky":"clear"}' },
    { role: 'tool', toolCallId: 'call_2', content: '14:05' },
  ],
  tools: [WEATHER_TOOL, TIME_TOOL],
};

/** A 1x1 PNG. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==';

export const IMAGE_URL: Scenario = {
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image', source: { kind: 'url', url: 'https://images.example.com/cat.png' } },
      ],
    },
  ],
};
export const IMAGE_BASE64: Scenario = {
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: PNG_BASE64 } },
      ],
    },
  ],
};

export const USER_SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  required: ['name', 'age'],
  additionalProperties: false,
};
export const JSON_OBJECT: Scenario = {
  messages: [{ role: 'user', content: 'Describe a user as JSON.' }],
  responseFormat: { type: 'json_object' },
};
export const JSON_SCHEMA: Scenario = {
  messages: [{ role: 'user', content: 'Describe a user as JSON.' }],
  responseFormat: { type: 'json_schema', name: 'user', description: 'A user', schema: USER_SCHEMA, strict: true },
};

/** The tool calls the fakes answer with. */
export const FAKE_CALLS: FakeToolCall[] = [
  { id: 'call_weather_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
  { id: 'call_time_2', name: 'get_time', arguments: '{"zone":"Europe/Rome"}' },
];

/** The JSON text the fakes answer JSON-mode requests with. */
export const JSON_ANSWER = '{"name":"Ada","age":36}';
