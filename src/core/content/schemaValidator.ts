// The content schema's validators. Compiling the schema with Ajv takes a few hundred
// milliseconds, which every first load of workspace content would pay; so the build
// (esbuild.js, `compiledSchemaValidator`) replaces this module in every bundle with the same
// validators compiled ahead of time (Ajv's standalone code, made with the options below),
// each made on its first use. The code here is what type-checking sees, and what the unit
// tests compare the compiled validators with.

import Ajv, { type Options, type ValidateFunction } from 'ajv';
import schema from '../../../resources/schema/content.schema.json';

/** Every error, with the value and the schema each failed on (messages.ts reads both). esbuild.js compiles with the same. */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: false };

/**
 * Only whether a file is valid: the first error ends it, and errors carry nothing more. Most
 * files are valid, and this validator is a fraction of the full one's code and time; a file
 * it refuses is validated again with the full one for its messages. esbuild.js compiles with
 * the same.
 */
export const QUICK_AJV_OPTIONS: Options = { allErrors: false, verbose: false, strict: false };

/** True in a bundle, where this module holds the validators compiled at build time. */
export const precompiled: boolean = false;

export function contentValidator(): ValidateFunction {
  return new Ajv(AJV_OPTIONS).compile(schema);
}

export function quickContentValidator(): ValidateFunction {
  return new Ajv(QUICK_AJV_OPTIONS).compile(schema);
}
