// The content schema's validator. Compiling the schema with Ajv takes a few hundred
// milliseconds, which every first load of workspace content would pay; so the build
// (esbuild.js, `compiledSchemaValidator`) replaces this module in every bundle with the same
// validator compiled ahead of time (Ajv's standalone code, made with AJV_OPTIONS below). The
// code here is what type-checking sees, and what the unit tests compare the compiled
// validator with.

import Ajv, { type Options, type ValidateFunction } from 'ajv';
import schema from '../../../resources/schema/content.schema.json';

/** Every error, with the value and the schema each failed on (messages.ts reads both). esbuild.js compiles with the same. */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: false };

/** True in a bundle, where this module is the validator compiled at build time. */
export const precompiled: boolean = false;

export function contentValidator(): ValidateFunction {
  return new Ajv(AJV_OPTIONS).compile(schema);
}
