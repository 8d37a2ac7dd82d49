import { runProviderConformance } from '../../test/conformance/provider-conformance.ts';
import { PNG_BASE64, TIME_TOOL, WEATHER_TOOL } from '../../test/conformance/scenarios.ts';
import { startFakeAcme } from '../../test/fakes/acme.ts';
import plugin from './index.ts';

// The exact bodies Acme must receive, scenario by scenario (see test/conformance/scenarios.ts).
const model = 'acme-large';
const base = { model, stream: true };
const tools = [
  { name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, schema: WEATHER_TOOL.parameters },
  { name: TIME_TOOL.name, description: '', schema: TIME_TOOL.parameters },
];
const question = [{ role: 'user', text: 'Weather in Paris, and the time in Rome?' }];

runProviderConformance({
  plugin,
  startFake: (o) => startFakeAcme({ apiKey: 'acme-key', ...o }),
  model,
  instance: { apiKey: 'acme-key' },
  features: {
    wire: {
      // Acme has no end-user field: the id is left out.
      options: { body: { ...base, system: 'Be brief.', messages: [{ role: 'user', text: 'Say hello.' }], temperature: 0.3, top_p: 0.9, max_output: 50, stop: ['END'] } },
      seed: { refuses: 'seed' },
      tools: { body: { ...base, messages: question, tools, tool_mode: 'auto' } },
      toolChoiceNone: { body: { ...base, messages: question, tools, tool_mode: 'none' } },
      toolChoiceRequired: { body: { ...base, messages: question, tools, tool_mode: 'required' } },
      toolChoiceNamed: { body: { ...base, messages: question, tools, tool_mode: { only: 'get_time' } } },
      toolHistory: {
        body: {
          ...base,
          system: 'Use the tools.',
          messages: [
            ...question,
            {
              role: 'assistant',
              text: 'Let me check.',
              calls: [
                { id: 'call_1', name: 'get_weather', json: '{"city":"Paris"}' },
                { id: 'call_2', name: 'get_time', json: '{"zone":"Europe/Rome"}' },
              ],
            },
            { role: 'tool', text: '{"temp":21,"sky":"clear"}', call_id: 'call_1' },
            { role: 'tool', text: '14:05', call_id: 'call_2' },
          ],
          tools,
        },
      },
      imageUrl: { refuses: 'image URLs' },
      imageBase64: { body: { ...base, messages: [{ role: 'user', text: 'What is in this picture?', images: [{ media_type: 'image/png', base64: PNG_BASE64 }] }] } },
      jsonObject: { refuses: 'json_object' },
      jsonSchema: { refuses: 'json_schema' },
    },
    toolCallIds: 'vendor',
    streamsToolArguments: true,
    reportsCachedTokens: true,
  },
});
