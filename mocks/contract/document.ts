/**
 * The API contract (openapi/openapi.yaml) as the tests read it: the document, its operations keyed
 * `METHOD /path/{param}`, and JSON-schema validation of answers. Shared by the contract test and the
 * per-view API tests (mocks/contract/harness.ts).
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';
import { expect } from 'vitest';

// ---- The document ---------------------------------------------------------------------------

export type Json = Record<string, unknown>;

/** One entry of `x-actions`: what a lifecycle action needs and does. */
export interface DocAction {
  permission: string;
  from: string[];
  to: string;
  reasons?: string[];
}

/** One entry of `x-batch-actions`: the statuses an action on a batch order starts from, where it leads, how it answers. */
export interface DocBatchAction {
  from: string[];
  to: string;
  answer: number;
  needsFailedItems?: boolean;
}

export interface Operation {
  operationId: string;
  description?: string;
  security?: Record<string, string[]>[];
  'x-required-right'?: string;
  'x-required-permission'?: string;
  'x-actions'?: Record<string, DocAction>;
  /** Tasks and batch orders: the permission each type of task or order needs. */
  'x-permission-by-type'?: Record<string, string>;
  'x-batch-actions'?: Record<string, DocBatchAction>;
  'x-permission-by-action'?: Record<string, Record<string, string>>;
  responses: Record<string, unknown>;
}

export interface OpenApiDoc {
  openapi: string;
  servers: { url: string }[];
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, Json>;
    parameters: Record<string, Json>;
    securitySchemes: Record<string, { type: string; in?: string; name?: string }>;
  };
}

export const DOC_ID = 'https://prime-console.example/openapi.yaml';
export const doc = parse(readFileSync(new URL('../../openapi/openapi.yaml', import.meta.url), 'utf8')) as OpenApiDoc;

export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const escapePart = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
export const ptr = (...parts: string[]) => parts.map((p) => `/${escapePart(p)}`).join('');

/** The value at a JSON pointer of the document. */
export function at(pointer: string): unknown {
  let value: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Follows `$ref`s (of responses, parameters, headers) to the object and its pointer. */
export function follow(pointer: string): { pointer: string; value: Json } {
  let value = at(pointer);
  while (isRecord(value) && typeof value.$ref === 'string') {
    if (!value.$ref.startsWith('#/')) throw new Error(`Only local references are supported: ${value.$ref}`);
    pointer = value.$ref.slice(1);
    value = at(pointer);
  }
  if (!isRecord(value)) throw new Error(`Nothing at ${pointer}`);
  return { pointer, value };
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type Method = (typeof METHODS)[number];

export interface Op {
  /** `GET /persons` */
  key: string;
  method: Method;
  path: string;
  pointer: string;
  op: Operation;
  /** The right in `x-required-right`, if any. */
  right?: string;
  isPublic: boolean;
  params: { name: string; in: string; required: boolean; schemaPointer: string; schema: Json }[];
}

export const OPS: Op[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => isRecord(item[m])).map((method): Op => {
    const pointer = ptr('paths', path, method);
    const op = item[method] as Operation;
    const params = ((at(`${pointer}/parameters`) as unknown[] | undefined) ?? []).map((_, i) => {
      const p = follow(`${pointer}/parameters/${i}`);
      const schemaPointer = follow(`${p.pointer}/schema`).pointer;
      return {
        name: String(p.value.name),
        in: String(p.value.in),
        required: p.value.required === true,
        schemaPointer,
        schema: follow(schemaPointer).value,
      };
    });
    const security = op.security ?? doc.security ?? [];
    return {
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      pointer,
      op,
      right: op['x-required-right'],
      isPublic: security.length === 0,
      params,
    };
  }),
);
export const opByKey = (key: string): Op => {
  const found = OPS.find((o) => o.key === key);
  if (!found) throw new Error(`The document has no operation ${key}`);
  return found;
};

/** The first segment of an operation's path: `persons`, `tasks`, `batch-orders`… */

export const csrfParam = follow('/components/parameters/CsrfHeader').value;
export const CSRF_HEADER = String(csrfParam.name);
export const CSRF_VALUE = String((csrfParam.schema as Json).const);
export const COOKIE_NAME = String(doc.components.securitySchemes.sessionCookie?.name);
export const BASE = `http://localhost${doc.servers[0]?.url ?? ''}`;

// ---- Schemas --------------------------------------------------------------------------------

export const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is not installed; RFC 3339 date-time and full-date are the only formats the document uses.
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
ajv.addFormat('date-time', { type: 'string', validate: (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) });
ajv.addFormat('date', { type: 'string', validate: (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(s)) });
ajv.addSchema({ ...doc, $id: DOC_ID });

export const validators = new Map<string, ValidateFunction>();
export function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    const fragment = pointer.split('/').map(encodeURIComponent).join('/');
    validate = ajv.getSchema(`${DOC_ID}#${fragment}`);
    if (!validate) throw new Error(`No schema at ${pointer}`);
    validators.set(pointer, validate);
  }
  return validate;
}

export function expectValid(pointer: string, value: unknown, context: string): void {
  const validate = validatorAt(pointer);
  validate(value);
  expect(validate.errors ?? [], `${context}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)?.slice(0, 500)}`).toEqual([]);
}
