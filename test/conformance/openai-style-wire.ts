/**
 * The exact Chat Completions bodies the OpenAI-style plugins (openai,
 * openrouter, openai-compatible) must send for each conformance scenario. They
 * share the wire format and differ only in the settings passed here.
 */
import type { FeatureSpec } from './feature-conformance.ts';
import { PNG_BASE64, TIME_TOOL, USER_SCHEMA, WEATHER_TOOL } from './scenarios.ts';

export function openAIStyleWire(
  model: string,
  s: { maxTokensField: 'max_tokens' | 'max_completion_tokens'; endUserField: 'user' | 'safety_identifier'; includeUsage: boolean },
): FeatureSpec['wire'] {
  const base = { model, stream: true, ...(s.includeUsage && { stream_options: { include_usage: true } }) };
  const tools = [
    {
      type: 'function',
      function: { name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, parameters: WEATHER_TOOL.parameters, strict: true },
    },
    { type: 'function', function: { name: TIME_TOOL.name, parameters: TIME_TOOL.parameters } },
  ];
  const question = [{ role: 'user', content: 'Weather in Paris, and the time in Rome?' }];
  const picture = (url: string) => [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image_url', image_url: { url } },
      ],
    },
  ];
  const asJson = [{ role: 'user', content: 'Describe a user as JSON.' }];
  return {
    options: {
      body: {
        ...base,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say hello.' },
        ],
        temperature: 0.3,
        top_p: 0.9,
        [s.maxTokensField]: 50,
        stop: ['END'],
        [s.endUserField]: 'user-42',
      },
    },
    seed: { body: { ...base, messages: [{ role: 'user', content: 'Pick a number.' }], seed: 7 } },
    tools: { body: { ...base, messages: question, tools, tool_choice: 'auto' } },
    toolChoiceNone: { body: { ...base, messages: question, tools, tool_choice: 'none' } },
    toolChoiceRequired: { body: { ...base, messages: question, tools, tool_choice: 'required' } },
    toolChoiceNamed: { body: { ...base, messages: question, tools, tool_choice: { type: 'function', function: { name: 'get_time' } } } },
    toolHistory: {
      body: {
        ...base,
        messages: [
          { role: 'system', content: 'Use the tools.' },
          ...question,
          {
            role: 'assistant',
            content: 'Let me check.',
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{"zone":"Europe/Rome"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21,"sky":"clear"}' },
          { role: 'tool', tool_call_id: 'call_2', content: '14:05' },
        ],
        tools,
      },
    },
    imageUrl: { body: { ...base, messages: picture('https://images.example.com/cat.png') } },
    imageBase64: { body: { ...base, messages: picture(`data:image/png;base64,${PNG_BASE64}`) } },
    jsonObject: { body: { ...base, messages: asJson, response_format: { type: 'json_object' } } },
    jsonSchema: {
      body: {
        ...base,
        messages: asJson,
        response_format: { type: 'json_schema', json_schema: { name: 'user', description: 'A user', schema: USER_SCHEMA, strict: true } },
      },
    },
  };
}
