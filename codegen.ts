import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types the console's documents against the committed schema. `npm run codegen`
 * rewrites client/src/gql/ (never edited by hand); rerun it whenever schema.graphql
 * or a document changes.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/src/**/*.{ts,tsx}', '!client/src/gql/**/*', '!client/src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: {
          Date: { input: 'string', output: 'string' },
          DateTime: { input: 'string', output: 'string' },
          JSON: { input: 'unknown', output: 'unknown' },
          Long: { input: 'number', output: 'number' },
        },
      },
    },
  },
};

export default config;
