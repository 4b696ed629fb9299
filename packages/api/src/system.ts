const plain = (summary: string, type: string) => ({
  get: {
    tags: ['system'],
    summary,
    security: [],
    responses: { '200': { description: 'OK', content: { [type]: { schema: {} } } } },
  },
});

/** The routes every deployment serves outside /v1, described beside the generated ones. */
export const systemOpenApiPaths = {
  '/healthz': plain('健康检查 Health check', 'application/json'),
  '/openapi.json': plain('OpenAPI 3.1 文档 The OpenAPI document', 'application/json'),
  '/docs': plain('API 参考页 API reference page', 'text/html'),
};
