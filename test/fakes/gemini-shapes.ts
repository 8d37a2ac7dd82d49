/**
 * The Gemini API request shapes the fake accepts (generateContent and
 * batchEmbedContents), after @google/genai's `Content`, `Part`, `Tool`,
 * `ToolConfig` and `GenerationConfig` as the Gemini API (not Vertex) takes
 * them, with its rules on function calling: calls in `model` turns, responses
 * in the `user` turn right after, as many responses as calls.
 */
import { z } from 'zod';

const part = z.union([
  z.object({ text: z.string(), thought: z.boolean().optional(), thoughtSignature: z.string().optional() }).strict(),
  z.object({ inlineData: z.object({ mimeType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/), data: z.string().regex(/^[A-Za-z0-9+/]+=*$/) }).strict() }).strict(),
  z.object({ fileData: z.object({ mimeType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/), fileUri: z.string().url() }).strict() }).strict(),
  z
    .object({
      functionCall: z.object({ name: z.string().min(1), args: z.record(z.unknown()).optional(), id: z.string().optional() }).strict(),
      thoughtSignature: z.string().optional(),
    })
    .strict(),
  z.object({ functionResponse: z.object({ name: z.string().min(1), response: z.record(z.unknown()), id: z.string().optional() }).strict() }).strict(),
]);

const content = z.object({ role: z.enum(['user', 'model']), parts: z.array(part).min(1) }).strict();

const functionDeclaration = z
  .object({
    // Must start with a letter or underscore; letters, digits, underscores, dots, colons and dashes, at most 128.
    name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/),
    description: z.string().optional(),
    parameters: z.record(z.unknown()).optional(),
    parametersJsonSchema: z.record(z.unknown()).optional(),
  })
  .strict()
  .refine((f) => !(f.parameters && f.parametersJsonSchema), 'parameters and parametersJsonSchema are mutually exclusive');

export const geminiGenerateRequest = z
  .object({
    contents: z.array(content).min(1),
    systemInstruction: z.object({ role: z.string().optional(), parts: z.array(z.object({ text: z.string() }).strict()).min(1) }).strict().optional(),
    tools: z.array(z.object({ functionDeclarations: z.array(functionDeclaration).min(1) }).strict()).optional(),
    toolConfig: z
      .object({
        functionCallingConfig: z.object({ mode: z.enum(['AUTO', 'ANY', 'NONE', 'VALIDATED']), allowedFunctionNames: z.array(z.string()).optional() }).strict(),
      })
      .strict()
      .optional(),
    generationConfig: z
      .object({
        temperature: z.number().min(0).max(2).optional(),
        topP: z.number().min(0).max(1).optional(),
        topK: z.number().int().optional(),
        seed: z.number().int().optional(),
        maxOutputTokens: z.number().int().positive().optional(),
        stopSequences: z.array(z.string()).max(5).optional(),
        responseMimeType: z.enum(['text/plain', 'application/json', 'text/x.enum']).optional(),
        responseSchema: z.record(z.unknown()).optional(),
        responseJsonSchema: z.record(z.unknown()).optional(),
      })
      .strict()
      .refine((g) => !(g.responseSchema || g.responseJsonSchema) || g.responseMimeType === 'application/json', 'a response schema needs responseMimeType application/json')
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    body.contents.forEach((c, i) => {
      const calls = c.parts.filter((p) => 'functionCall' in p).length;
      const responses = (turn: typeof c | undefined) => turn?.parts.filter((p) => 'functionResponse' in p).length ?? 0;
      if (c.role === 'user' && calls) ctx.addIssue({ code: 'custom', path: ['contents', i], message: 'function calls belong in model turns' });
      if (c.role === 'model' && responses(c)) ctx.addIssue({ code: 'custom', path: ['contents', i], message: 'function responses belong in user turns' });
      if (c.role === 'model' && calls) {
        const next = body.contents[i + 1];
        if (next && responses(next) !== calls) {
          ctx.addIssue({ code: 'custom', path: ['contents', i + 1], message: 'the number of function response parts must equal the number of function call parts of the turn before' });
        }
      }
    });
    if (body.toolConfig && !body.tools) ctx.addIssue({ code: 'custom', path: ['toolConfig'], message: 'toolConfig needs tools' });
  });

export const geminiBatchEmbedRequest = z
  .object({
    requests: z
      .array(
        z
          .object({
            model: z.string().regex(/^models\/.+/),
            content: z.object({ parts: z.array(z.object({ text: z.string() }).strict()).min(1) }).strict(),
            outputDimensionality: z.number().int().positive().optional(),
            taskType: z.string().optional(),
            title: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
