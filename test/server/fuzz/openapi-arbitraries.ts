import fc from 'fast-check';

/**
 * fast-check arbitraries of HTTP requests, built from the OpenAPI document the BFF serves (`GET /openapi.json`, see
 * server/http/openapi-document.ts `buildOpenApi`): every documented path and method, with path parameters, queries, bodies,
 * content types and credentials that are sometimes valid and often hostile. A request is plain data (no tokens in
 * it, only the *kind* of credential), so a failure shrinks to something a person can read and replay.
 */

/** The parts of a JSON schema (as `z.toJSONSchema` writes them) the generators look at. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** One documented route: `GET /api/lives/{livingId}` and what it takes. */
export interface Operation {
  method: string;
  /** OpenAPI path template, `{name}` for a parameter. */
  template: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  body?: JsonSchema;
  /** OpenAPI security requirements: which of `viewerSession`, `viewerCookie`, `staffCookie` it takes. */
  security?: Record<string, string[]>[];
}

/**
 * Who the request claims to be. Real ones are signed in against the sandbox before the run; the others are made up
 * (see fuzz-target.ts for what each sends).
 */
export const CREDENTIALS = [
  'anonymous',
  'viewerBearer',
  'viewerCookie',
  'staff',
  'manager',
  // forged, expired or foreign
  'viewerWrongKey',
  'viewerExpired',
  'viewerUnsigned',
  'viewerForeignApp',
  'viewerNoExp',
  'viewerTampered',
  'viewerTokenAsStaffCookie',
  'staffTokenAsBearer',
  'staffTokenAsViewerCookie',
  'managerWrongKey',
  'staffExpired',
  'staffTampered',
  'garbageBearer',
  'basicAuth',
  'emptyBearer',
  'longBearer',
  'junkCookies',
  'viewerAndStaffTogether',
] as const;
export type CredentialKind = (typeof CREDENTIALS)[number];

/** Everything about one request except the credential's actual value. */
export interface FuzzRequest {
  /** Lower case, as supertest names its methods. */
  method: string;
  /** Raw path as sent: already percent-encoded where it should be, hostile where it should not. */
  path: string;
  /** Raw query string without the `?` (may be empty). */
  query: string;
  headers: Record<string, string>;
  /** Raw body, or none. */
  body?: string;
  credential: CredentialKind;
  /** Which documented route this was made from (or `unknown path` / `other method`), for the counts. */
  route: string;
}

/** Values the app knows about (sandbox live ids, anchors, members), so generated inputs sometimes hit real data. */
export interface KnownValues {
  livingIds: string[];
  userIds: string[];
  publicOrigin: string;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      ops.push({
        method,
        template,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
        security: op.security,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// Strings

/** Strings attackers try first: traversal, encodings that do not decode, NULs, CRLF, markup, formulas, JS keys. */
const HOSTILE_TEXT = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\r\nX-Injected: 1',
  '<script>alert(1)</script>',
  '"\'`;--',
  '=HYPERLINK("https://evil.example")',
  '@SUM(1+1)',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  'true',
  '{}',
  '[]',
  '%',
  '%00',
  '%2F',
  '\u202e\u0635\u0648\u0631\u0629',
  '直播🎥\u{1F469}\u200D\u{1F4BB}',
  '\uD800',
  '\uFEFF',
  'https://evil.example/',
  '//evil.example',
  'javascript:alert(1)',
];

/** Raw path segments sent as they are (never re-encoded): each must still be a legal request target. */
const HOSTILE_SEGMENTS = [
  '',
  '%',
  '%%',
  '%ff',
  '%zz',
  '%00',
  'a%00b',
  '.',
  '..',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%2F',
  '%252F',
  '%5C',
  '%c0%ae%c0%ae',
  '%E0%A4%A',
  '%ED%A0%80',
  '%EF%BF%BF',
  '~',
  '%0d%0aX-Injected:1',
  '__proto__',
  'constructor',
  'toString',
  'a;b',
  'a,b',
  '*',
  '$',
  "'",
  '%22',
  '%3Cscript%3E',
];

const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(1000, 3000, 17_000).map((n) => 'x'.repeat(n)) },
);

/** Percent-encodes any string, including lone surrogates (which `encodeURIComponent` refuses). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
  }
}

/** Bytes as `%XX` escapes: often not UTF-8 at all. */
const percentBytes = fc
  .uint8Array({ minLength: 1, maxLength: 12 })
  .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));

/** A string as the schema allows it (pattern, enum, length, date-time). */
function validString(schema: JsonSchema, known: KnownValues): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  const maxLength = schema.maxLength ?? 64;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const pool = [...known.livingIds, ...known.userIds].filter(
      (v) => pattern.test(v) && v.length <= maxLength && v.length >= (schema.minLength ?? 0),
    );
    const matching = fc.stringMatching(pattern, { size: 'small' }).filter((s) => s.length <= maxLength);
    return pool.length ? fc.oneof(matching, fc.constantFrom(...pool), fc.constantFrom(...pool)) : matching;
  }
  return fc.oneof(
    fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(maxLength, 24) }),
    fc.constantFrom(...known.livingIds, ...known.userIds, known.publicOrigin, '/', '/live/x?replay=1'),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// JSON values from a schema

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type[0];
  return schema.type;
}

/** A value the schema accepts (as far as these generators know schemas). */
export function valueFromSchema(schema: JsonSchema, known: KnownValues): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf?.length) return fc.oneof(...schema.anyOf.map((s) => valueFromSchema(s, known)));
  switch (typeOf(schema)) {
    case 'string':
      return validString(schema, known);
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1e6);
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(schema.maximum ?? 2 ** 31, 2 ** 31) });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? valueFromSchema(schema.items, known) : fc.jsonValue(), { maxLength: 4 });
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valueFromSchema(s, known)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of the wrong type (or the right type, out of range) for a property. */
const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 2 ** 53 + 2, 1e308, '', [], {}, [null], { a: 1 }),
  hostileText,
  fc.jsonValue({ maxDepth: 3 }),
);

const pollutingKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty');

/** Splices `"key": value` into a serialized object, so `__proto__` stays a plain key on the wire. */
function withRawKey(json: string, key: string, rawValue: string): string {
  const entry = `${JSON.stringify(key)}:${rawValue}`;
  return json === '{}' ? `{${entry}}` : `{${entry},${json.slice(1)}`;
}

/** Bodies for an operation: valid by its schema, mutated, or not JSON at all. */
export function bodyFor(schema: JsonSchema | undefined, known: KnownValues): fc.Arbitrary<string | undefined> {
  const valid = (schema ? valueFromSchema(schema, known) : fc.constant({})) as fc.Arbitrary<Record<string, unknown>>;
  const validObject = valid.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}));
  const propNames = Object.keys(schema?.properties ?? {});
  const someProp = propNames.length ? fc.constantFrom(...propNames) : fc.string({ maxLength: 8 });
  const nesting = fc.integer({ min: 2, max: 20_000 });
  return fc.oneof(
    { weight: 12, arbitrary: validObject.map((v) => JSON.stringify(v)) },
    // wrong type in one field
    {
      weight: 3,
      arbitrary: fc.tuple(validObject, someProp, wrongValue).map(([v, k, w]) => JSON.stringify({ ...v, [k]: w })),
    },
    // extra fields
    {
      weight: 2,
      arbitrary: fc
        .tuple(validObject, fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }))
        .map(([v, extra]) => JSON.stringify({ ...extra, ...v })),
    },
    // prototype pollution, as raw JSON keys
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          validObject,
          pollutingKeys,
          fc.constantFrom('{"polluted":"yes"}', '{"prototype":{"polluted":"yes"}}', '1'),
        )
        .map(([v, k, raw]) => withRawKey(JSON.stringify(v), k, raw)),
    },
    // huge strings
    {
      weight: 1,
      arbitrary: fc
        .tuple(validObject, someProp, fc.constantFrom(300, 5000, 16_300, 70_000))
        .map(([v, k, n]) => JSON.stringify({ ...v, [k]: '字'.repeat(n / 3) + 'x'.repeat(n % 3) })),
    },
    // deep nesting
    {
      weight: 1,
      arbitrary: fc
        .tuple(nesting, fc.boolean())
        .map(([n, arrays]) => (arrays ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n))),
    },
    // valid JSON that is not an object
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom('null', '0', '"x"', '[]', 'true', '[{}]', '""'),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
      ),
    },
    // not JSON: truncated, garbage, other formats
    {
      weight: 2,
      arbitrary: fc.oneof(
        validObject.chain((v) => {
          const s = JSON.stringify(v);
          return fc.nat({ max: Math.max(0, s.length - 1) }).map((cut) => s.slice(0, cut));
        }),
        fc.constantFrom(
          '',
          '{',
          '{"a":}',
          "{'a':1}",
          '{"a":1}{"b":2}',
          '\uFEFF{}',
          'a=1&b=2',
          '<xml><a>1</a></xml>',
          '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><xml>&b;</xml>',
          '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
        ),
        fc.string({ unit: 'binary', maxLength: 200 }),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Parts of a request

/** A path parameter: valid by its schema, a known id, or hostile (raw or encoded). */
function pathParam(param: OpenApiParameter, known: KnownValues): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: validString(param.schema, known).map(encode) },
    { weight: 8, arbitrary: fc.constantFrom(...known.livingIds) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    { weight: 2, arbitrary: hostileText.map(encode) },
    { weight: 1, arbitrary: percentBytes },
    { weight: 1, arbitrary: fc.constantFrom(129, 1000, 6000).map((n) => 'a'.repeat(n)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...known.livingIds), fc.constantFrom('/x', '%2F..', '/', '//', '/../..', '.json', '?'))
        .map(([a, b]) => a + b),
    },
  );
}

/** One query pair, as raw text. */
function queryPair(param: OpenApiParameter, known: KnownValues): fc.Arbitrary<string> {
  const value = fc.oneof(
    { weight: 4, arbitrary: validString(param.schema, known).map(encode) },
    { weight: 2, arbitrary: hostileText.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    { weight: 1, arbitrary: percentBytes },
  );
  return value.map((v) => `${param.name}=${v}`);
}

/** Pairs no route documents, some aimed at query parsers. */
const strayQueryPair = fc.oneof(
  fc.constantFrom(
    '__proto__[polluted]=yes',
    'constructor[prototype][polluted]=yes',
    '__proto__=x',
    'a[]=1&a[]=2',
    '=',
    '&&',
    '%',
    'a=%',
    'a=%zz',
    '%00=%00',
    'callback=alert',
    'returnTo=https://evil.example',
  ),
  fc.tuple(fc.string({ maxLength: 10 }), hostileText).map(([k, v]) => `${encode(k)}=${encode(v)}`),
);

function queryFor(op: Operation | undefined, known: KnownValues): fc.Arbitrary<string> {
  const documented = (op?.queryParams ?? []).map((p) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<string[]>([]) },
      { weight: 4, arbitrary: queryPair(p, known).map((q) => [q]) },
      // repeated: the router keeps the first
      { weight: 1, arbitrary: fc.array(queryPair(p, known), { minLength: 2, maxLength: 3 }) },
    ),
  );
  return fc
    .tuple(fc.tuple(...documented), fc.array(strayQueryPair, { maxLength: 2 }))
    .map(([pairs, stray]) => [...pairs.flat(), ...stray].join('&'));
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'application/json; charset=',
  'application/json;;;',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'text/json',
  'text/plain',
  'text/xml',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '*/*',
  'json',
  '',
];

/**
 * Mostly what a real client sends, sometimes not: each part of a request is the fitting one 7 times in 10 and a
 * hostile one otherwise, so many requests get past the first check with one or two things wrong (a request wrong in
 * every way stops at the first refusal and tests nothing behind it).
 */
const mostly = <T>(fitting: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 7, arbitrary: fitting }, { weight: 3, arbitrary: hostile });

type Header = readonly [string, string];
const header = (name: string, values: fc.Arbitrary<string>) => values.map((v): Header => [name, v]);
/** A header that is usually absent. */
const rarely = (name: string, values: fc.Arbitrary<string>) => fc.option(header(name, values), { freq: 4 });

/**
 * Headers beside the credential: content type and encoding (JSON, as clients send it, or not), origin (ours, as
 * our pages send it on a change, or another), and now and then conditional, tracing and proxy headers.
 */
function headersFor(known: KnownValues): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(
      mostly<Header | null>(
        header('Content-Type', fc.constantFrom('application/json', 'application/json; charset=utf-8')),
        fc.oneof(fc.constant(null), header('Content-Type', fc.constantFrom(...CONTENT_TYPES))),
      ),
      mostly<Header | null>(
        fc.constant(null),
        header('Content-Encoding', fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip')),
      ),
      mostly<Header | null>(
        header('Origin', fc.constant(known.publicOrigin)),
        fc.option(
          header(
            'Origin',
            fc.constantFrom(
              'https://evil.example',
              'http://evil.live.test',
              'null',
              `${known.publicOrigin}.evil.example`,
            ),
          ),
        ),
      ),
      rarely('Sec-Fetch-Site', fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'bogus')),
      rarely('If-None-Match', fc.constantFrom('*', '"x"', 'W/"abc"', '"', '""', 'W/')),
      rarely('X-Request-Id', fc.constantFrom('fuzz-request-id-0001', 'x', 'a'.repeat(200), '../../../etc', '{}')),
      rarely('X-Forwarded-For', fc.constantFrom('1.2.3.4', '1.2.3.4, 5.6.7.8', 'unknown', '::1', '999.1.1.1')),
      rarely('X-Forwarded-Proto', fc.constantFrom('https', 'http', 'gopher', 'https, http')),
      rarely('Accept', fc.constantFrom('application/json', 'text/html', 'image/png', '*/*', 'nonsense', '')),
      rarely('Accept-Encoding', fc.constantFrom('gzip', 'br', 'identity;q=0', '*;q=0', 'bogus')),
      rarely('Range', fc.constantFrom('bytes=0-10', 'bytes=-1', 'bytes=5-1', 'bytes=0-0,1-1,2-2', 'lines=1')),
    )
    .map((entries) => Object.fromEntries(entries.filter((e): e is Header => e !== null)));
}

/** The credentials a route's `security` asks for (a manager is staff too), or the real ones for a public route. */
function fittingCredentials(op: Operation | undefined): CredentialKind[] {
  const schemes = (op?.security ?? []).flatMap((s) => Object.keys(s));
  if (schemes.includes('staffCookie')) return ['manager', 'manager', 'staff'];
  if (schemes.length) return ['viewerBearer', 'viewerCookie'];
  return ['anonymous', 'viewerBearer', 'viewerCookie', 'staff', 'manager'];
}

const credentialFor = (op: Operation | undefined) =>
  mostly(fc.constantFrom(...fittingCredentials(op)), fc.constantFrom(...CREDENTIALS));

/** Fills a template's `{name}` slots with generated segments. */
function pathFor(op: Operation, known: KnownValues): fc.Arbitrary<string> {
  const params = op.pathParams.map((p) => pathParam(p, known));
  return fc
    .tuple(...params)
    .map((values) => op.pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, values[i] ?? ''), op.template));
}

/** A request for one documented route, in its documented method. */
function documentedRequest(op: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const hasBody = op.body !== undefined || op.method !== 'get';
  return fc
    .record({
      path: pathFor(op, known),
      query: queryFor(op, known),
      headers: headersFor(known),
      // a body now and then even where none is documented (GET with a body, a callback with JSON)
      body: hasBody ? bodyFor(op.body, known) : fc.option(bodyFor(undefined, known), { freq: 8, nil: undefined }),
      credential: credentialFor(op),
    })
    .map((r) => ({ ...r, method: op.method, route: `${op.method.toUpperCase()} ${op.template}` }));
}

/** Methods supertest can send that a server meets in the wild (CONNECT is a tunnel, not a request). */
const ANY_METHOD = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace', 'propfind', 'search'];

/** A known path in a method it may not document. */
function otherMethodRequest(ops: Operation[], known: KnownValues): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...ops).chain((op) =>
    fc.record({
      method: fc.constantFrom(...ANY_METHOD),
      path: pathFor(op, known),
      query: queryFor(op, known),
      headers: headersFor(known),
      body: fc.option(bodyFor(op.body, known), { nil: undefined }),
      credential: credentialFor(op),
      route: fc.constant(`* ${op.template}`),
    }),
  );
}

/** Paths no route documents, near real ones and far from them. */
function unknownPathRequest(known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const prefix = fc.constantFrom(
    '/',
    '/api/',
    '/api/lives/',
    '/api/staff/',
    '/api/staff/lives/',
    '/api/session/',
    '/live/',
    '/staff/',
    '/__sandbox/',
    '/openapi.json/',
    '/healthz/',
    '//',
    '/%2e%2e/',
    '/api/../',
  );
  const tail = fc.array(
    fc.oneof(
      fc.constantFrom(...HOSTILE_SEGMENTS),
      fc.constantFrom(...known.livingIds),
      fc.stringMatching(/^[a-z0-9._-]{1,12}$/),
      hostileText.map(encode),
    ),
    { maxLength: 4 },
  );
  return fc.record({
    method: fc.constantFrom(...ANY_METHOD),
    path: fc.tuple(prefix, tail).map(([p, t]) => p + t.join('/')),
    query: fc.array(strayQueryPair, { maxLength: 2 }).map((pairs) => pairs.join('&')),
    headers: headersFor(known),
    body: fc.option(bodyFor(undefined, known), { nil: undefined }),
    credential: credentialFor(undefined),
    route: fc.constant('unknown path'),
  });
}

/** Any request: mostly documented routes as documented, some in other methods, some to paths nobody serves. */
export function requestArbitrary(doc: OpenApiDocument, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const ops = operationsOf(doc);
  return fc.oneof(
    { weight: 8, arbitrary: fc.oneof(...ops.map((op) => documentedRequest(op, known))) },
    { weight: 1, arbitrary: otherMethodRequest(ops, known) },
    { weight: 1, arbitrary: unknownPathRequest(known) },
  );
}
