import { z } from 'zod';
import { SESSION_COOKIE, STAFF_COOKIE } from '../../shared/cookie-names';
import { isStaffRole } from '../../shared/staff-roles';
import type { RouteSpec } from './route-spec';

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const schemaOf = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

/** An OpenAPI 3.1 document built from the same specs the router serves. */
export function buildOpenApi(specs: RouteSpec[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const operation: Record<string, unknown> = {
      summary: spec.summary,
      responses: Object.fromEntries(
        Object.entries(spec.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.headers
              ? {
                  headers: Object.fromEntries(
                    Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
                  ),
                }
              : {}),
            ...(r.schema ? { content: { 'application/json': { schema: schemaOf(r.schema, 'output') } } } : {}),
          },
        ]),
      ),
    };
    const parameters = [
      ...Object.entries(spec.params?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'path',
        required: true,
        schema: schemaOf(schema as z.ZodType, 'input'),
      })),
      ...Object.entries(spec.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: schemaOf(schema as z.ZodType, 'input'),
      })),
    ];
    if (parameters.length) operation.parameters = parameters;
    if (spec.body) {
      operation.requestBody = {
        // Required: an absent body is 415, like any body that is not JSON.
        required: true,
        content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
      };
    }
    if (spec.auth === 'viewer') operation.security = [{ viewerSession: [] }, { viewerCookie: [] }];
    if (isStaffRole(spec.auth)) operation.security = [{ staffCookie: [] }];
    (paths[toOpenApiPath(spec.path)] ??= {})[spec.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: {
        viewerSession: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/session/weapp' },
        viewerCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by the H5 sign-in' },
        staffCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: STAFF_COOKIE,
          description: 'Set by the staff sign-in (WeCom)',
        },
      },
    },
  };
}
