import fc from 'fast-check';
import type { TEndpoint, TValidRequest } from './endpoint-catalogue.js';
import {
  BAD_TIMESTAMPS,
  CONTENT_TYPES,
  EXTRA_KEYS,
  encodeSegment,
  hostileString,
  hostileValue,
  RAW_BODIES,
  RAW_NUMBERS,
  RAW_QUERIES,
  RAW_SEGMENTS,
  stringOf,
  type TGen,
  toJsonText,
} from './hostile-arbitraries.js';

type TPath = (string | number)[];

/** One change to an otherwise valid request, as plain data so a failing case prints as something to replay. */
export type TMutation =
  | { kind: 'param'; name: string; value: string | TGen; encoded: boolean }
  | { kind: 'query'; name: string; value: string | TGen }
  | { kind: 'raw-query'; query: string }
  | { kind: 'field'; path: TPath; value: unknown }
  | { kind: 'drop'; path: TPath }
  | { kind: 'extra'; at: TPath; key: string; value: unknown }
  | { kind: 'wrap' }
  | { kind: 'body'; value: unknown }
  | { kind: 'raw-body'; text: string | TGen; contentType: string };

/** Every path into a JSON value (objects' keys and arrays' indexes), outermost first. */
export function pathsOf(value: unknown, prefix: TPath = []): TPath[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

function containersOf(value: unknown): TPath[] {
  const all: TPath[] = [[], ...pathsOf(value)];
  return all.filter((p) => {
    const v = getAt(value, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
}

function getAt(value: unknown, path: TPath): unknown {
  let cur = value;
  for (const seg of path) cur = (cur as Record<string | number, unknown> | null | undefined)?.[seg];
  return cur;
}

function setOwn(target: object, key: string | number, value: unknown): void {
  // defineProperty, not assignment: a `__proto__` key must become an own property, as JSON.parse makes it.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** All the ways to spoil the endpoint's valid request; `known` are ids of the org's other entities. */
export function mutationArbitrary(e: TEndpoint, sample: TValidRequest, known: string[]): fc.Arbitrary<TMutation> {
  const arbs: fc.WeightedArbitrary<TMutation>[] = [];
  const paramNames = Object.keys(sample.params);
  const hasBody = sample.body !== undefined && sample.body !== null && typeof sample.body === 'object';
  if (paramNames.length) {
    const name = fc.constantFrom(...paramNames);
    arbs.push({
      weight: 4,
      arbitrary: fc.oneof(
        fc.record({
          kind: fc.constant('param' as const),
          name,
          value: fc.constantFrom(...RAW_SEGMENTS),
          encoded: fc.constant(true),
        }),
        fc.record({
          kind: fc.constant('param' as const),
          name,
          value: hostileString(known),
          encoded: fc.constant(false),
        }),
        fc.record({
          kind: fc.constant('param' as const),
          name,
          value: fc.integer({ min: 40, max: 5000 }).map((n): TGen => ({ $gen: 'repeat', s: 'a', n })),
          encoded: fc.constant(true),
        }),
      ),
    });
  }
  const queryNames = Object.keys(sample.query ?? {});
  if (queryNames.length) {
    arbs.push({
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('query' as const),
        name: fc.constantFrom(...queryNames),
        value: hostileString(known),
      }),
    });
  }
  arbs.push({
    weight: queryNames.length ? 2 : 1,
    arbitrary: fc.record({ kind: fc.constant('raw-query' as const), query: fc.constantFrom(...RAW_QUERIES) }),
  });
  if (hasBody) {
    const paths = pathsOf(sample.body);
    if (paths.length) {
      arbs.push({
        weight: 8,
        arbitrary: fc.record({
          kind: fc.constant('field' as const),
          path: fc.constantFrom(...paths),
          value: hostileValue(known),
        }),
      });
      arbs.push({
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...paths) }),
      });
    }
    arbs.push({
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        at: fc.constantFrom(...containersOf(sample.body)),
        key: fc.constantFrom(...EXTRA_KEYS),
        value: hostileValue(known),
      }),
    });
    arbs.push({ weight: 1, arbitrary: fc.constant({ kind: 'wrap' as const }) });
  }
  const bodyWeight = hasBody || e.method !== 'GET' ? 2 : 1;
  arbs.push({
    weight: bodyWeight,
    arbitrary: fc.record({
      kind: fc.constant('body' as const),
      value: fc.oneof(hostileValue(known), fc.jsonValue({ maxDepth: 4 }), fc.object({ maxDepth: 3 })),
    }),
  });
  arbs.push({
    weight: bodyWeight,
    arbitrary: fc.record({
      kind: fc.constant('raw-body' as const),
      text: fc.oneof(fc.constantFrom(...RAW_BODIES), fc.string({ maxLength: 50 }), hostileString()),
      contentType: fc.constantFrom(...CONTENT_TYPES),
    }),
  });
  return fc.oneof(...arbs);
}

export interface TAppliedRequest {
  url: string;
  payload?: string;
  contentType?: string;
}

/** The valid request with the mutation applied, ready to send. */
export function applyMutation(e: TEndpoint, valid: TValidRequest, m: TMutation): TAppliedRequest {
  const segments: Record<string, string> = {};
  for (const [k, v] of Object.entries(valid.params)) segments[k] = encodeSegment(v);
  let query = new URLSearchParams(valid.query ?? {}).toString();
  let body: unknown = valid.body === undefined ? undefined : JSON.parse(JSON.stringify(valid.body));
  let raw: { text: string; contentType: string } | undefined;

  switch (m.kind) {
    case 'param':
      segments[m.name] = m.encoded ? stringOf(m.value) : encodeSegment(stringOf(m.value));
      break;
    case 'query': {
      const params = new URLSearchParams(query);
      params.set(m.name, stringOf(m.value));
      query = params.toString();
      break;
    }
    case 'raw-query':
      query = query ? `${query}&${m.query}` : m.query;
      break;
    case 'field': {
      const parent = getAt(body, m.path.slice(0, -1));
      if (parent && typeof parent === 'object') setOwn(parent, m.path[m.path.length - 1] as string, m.value);
      break;
    }
    case 'drop': {
      const parent = getAt(body, m.path.slice(0, -1));
      const last = m.path[m.path.length - 1] as string | number;
      if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
      else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last];
      break;
    }
    case 'extra': {
      const target = getAt(body, m.at);
      if (target && typeof target === 'object') setOwn(target, m.key, m.value);
      break;
    }
    case 'wrap':
      body = [body];
      break;
    case 'body':
      body = m.value;
      break;
    case 'raw-body':
      raw = { text: stringOf(m.text), contentType: m.contentType };
      break;
  }

  const path = e.path.replace(/\{(\w+)\}/g, (_m, name: string) => segments[name] ?? '');
  const url = query ? `${path}?${query}` : path;
  if (raw) return { url, payload: raw.text, contentType: raw.contentType };
  if (body === undefined) return { url };
  return { url, payload: toJsonText(body), contentType: 'application/json' };
}

// The classic breakers, tried on every field of every endpoint so each known class is checked deterministically
// (fast-check explores around them).
const SWEEP_SEGMENTS: { value: string | TGen; encoded: boolean }[] = [
  { value: 'a\u0000b', encoded: false },
  { value: { $gen: 'repeat', s: 'a', n: 501 }, encoded: true },
  { value: '%ZZ', encoded: true },
  { value: '..', encoded: true },
  { value: "' OR '1'='1", encoded: false },
];
const SWEEP_QUERY_VALUES: (string | TGen)[] = ['a\u0000b', '', { $gen: 'repeat', s: 'x', n: 100_000 }];
const SWEEP_FIELD_VALUES: unknown[] = [
  'a\u0000b',
  'a\uD800b',
  { $gen: 'repeat', s: 'x', n: 100_000 },
  null,
  12345,
  { a: 1 },
  [],
  { $gen: 'deep', open: '[', n: 20_000 },
  { $gen: 'deep', open: '{', n: 20_000 },
];

const SWEEP_NUMBER_VALUES: unknown[] = [
  null,
  '1',
  1.5,
  -1,
  2 ** 31,
  1e308,
  ...RAW_NUMBERS.map((text): TGen => ({ $gen: 'raw', text })),
];
const SWEEP_BOOLEAN_VALUES: unknown[] = [null, 'true', 1, {}];

export function sweepMutations(sample: TValidRequest): TMutation[] {
  const out: TMutation[] = [];
  for (const name of Object.keys(sample.params)) {
    for (const s of SWEEP_SEGMENTS) out.push({ kind: 'param', name, value: s.value, encoded: s.encoded });
  }
  for (const name of Object.keys(sample.query ?? {})) {
    for (const value of SWEEP_QUERY_VALUES) out.push({ kind: 'query', name, value });
  }
  for (const path of pathsOf(sample.body)) {
    const leaf = getAt(sample.body, path);
    const values =
      typeof leaf === 'string'
        ? [...SWEEP_FIELD_VALUES, ...(/At$/.test(String(path.at(-1))) ? BAD_TIMESTAMPS : [])]
        : typeof leaf === 'number'
          ? SWEEP_NUMBER_VALUES
          : typeof leaf === 'boolean'
            ? SWEEP_BOOLEAN_VALUES
            : [];
    for (const value of values) out.push({ kind: 'field', path, value });
  }
  for (const at of containersOf(sample.body)) {
    out.push({ kind: 'extra', at, key: 'k\u0000', value: 'a\uD800b' });
  }
  return out;
}
