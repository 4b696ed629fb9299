import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { contractRegistry, operationKey, responseOf, responses } from '../../packages/api/src/contract';
import { buildOpenApi } from '../../packages/api/src/openapi';
import { apiRoutes } from '../../packages/api/src/route-groups';

// biome-ignore lint/suspicious/noExplicitAny: the test walks the generated document as plain JSON
const documentJson = (): any => JSON.parse(JSON.stringify(buildOpenApi(apiRoutes)));

const validate = async (doc: object) => new Validator().validate(doc as Record<string, unknown>);

describe('the response contract', () => {
  it('gives every route a response schema: JSON for JSON answers, the media type for the others', () => {
    const missing: string[] = [];
    for (const route of apiRoutes) {
      const contract = responseOf(route);
      if (!contract) {
        missing.push(operationKey(route));
        continue;
      }
      if (route.produces) {
        const media = 'schema' in contract ? [] : Object.keys(contract.media);
        expect(media, operationKey(route)).toContain(route.produces);
      } else {
        expect('schema' in contract, `${operationKey(route)} answers JSON`).toBe(true);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes no operation the API does not serve', () => {
    const served = new Set(apiRoutes.map(operationKey));
    expect(Object.keys(responses).filter((key) => !served.has(key))).toEqual([]);
  });

  it('names every JSON response schema, so the document refers to one component', () => {
    for (const contract of Object.values(responses)) {
      if ('schema' in contract) expect(contractRegistry.get(contract.schema)?.id).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await validate(documentJson());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('is refused by the validator once broken, so the check above can fail', async () => {
    const noDescription = documentJson();
    delete noDescription.paths['/v1/cities'].get.responses['200'].description;
    expect((await validate(noDescription)).valid).toBe(false);
    const dangling = documentJson();
    dangling.paths['/v1/cities'].get.responses['200'].content['application/json'].schema.$ref =
      '#/components/schemas/NoSuchView';
    expect((await validate(dangling)).valid).toBe(false);
  });

  it('answers each route with its named view and problems as RFC 9457', () => {
    const doc = documentJson();
    const get = doc.paths['/v1/tenants/{tenant}/cases/{caseNo}'].get;
    expect(get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CaseView',
    });
    expect(get.responses['404']).toEqual({ $ref: '#/components/responses/Problem' });
    expect(doc.components.responses.Problem.content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    const view = doc.components.schemas.CaseView;
    expect(view.additionalProperties).toBe(false);
    expect(view.required).toEqual(expect.arrayContaining(['caseNo', 'status', 'version', 'events']));
    expect(view.properties.allowedActions.items.enum).toContain('decide');
    expect(view.properties.events.items).toEqual({ $ref: '#/components/schemas/CaseEvent' });
    expect(doc.components.schemas.Rollout.properties.allowedActions.items.enum).toEqual([
      'preview',
      'schedule',
      'cancel',
    ]);
    // An open map says so: the rollout's `from` is one body, or any matter code to its body.
    expect(doc.components.schemas.Rollout.properties.from.anyOf[1]).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    const entry = doc.components.schemas.ProblemEntry;
    expect(Object.keys(entry.properties)).toEqual(
      expect.arrayContaining(['pointer', 'detail', 'path', 'row']),
    );
    expect(doc.components.schemas.Problem.additionalProperties).toEqual({});
  });

  it('describes the other media an operation answers: a printable page, an imprint, a spreadsheet', () => {
    const doc = documentJson();
    const agreement = doc.paths['/v1/cities/{city}/rollouts/{id}/agreements/{tenant}'].get.responses['200'];
    expect(Object.keys(agreement.content)).toEqual(['application/json', 'text/html']);
    const imprint = doc.paths['/v1/tenants/{tenant}/seals/{id}/imprint.svg'].get.responses['200'];
    expect(imprint.content).toEqual({ 'image/svg+xml': { schema: { type: 'string' } } });
    const exported = doc.paths['/v1/cities/{city}/catalogue:export'].get.responses['200'];
    expect(Object.keys(exported.content)).toContain('text/csv');
    const upsert = doc.paths['/v1/cities/{city}/catalogue/{code}'].put.responses;
    expect(upsert['201']).toEqual(upsert['200']);
  });
});
