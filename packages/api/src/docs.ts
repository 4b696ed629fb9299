import { html, raw } from 'hono/html';
import { PROBLEM_TYPES, type ProblemType } from './problem';

type Operation = Record<string, unknown> & {
  readonly responses?: Record<
    string,
    { readonly $ref?: string; readonly content?: Record<string, { schema?: unknown }> }
  >;
};
type OpenApi = {
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { readonly description?: string }> };
};

const componentOf = (schema: unknown): string | undefined => {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? ref.slice(21) : undefined;
};

/** Each success status with what it answers: a link to the view's schema, or the media type. */
function successes(op: Operation) {
  return Object.entries(op.responses ?? {})
    .filter(([status]) => /^2/.test(status))
    .map(
      ([status, response]) =>
        html`<div>${status}：${Object.entries(response.content ?? {}).map(([media, { schema }]) => {
          const id = componentOf(schema);
          return id ? html`<a href="#schema-${id}"><code>${id}</code></a> ` : html`<code>${media}</code> `;
        })}</div>`,
    );
}

const page = (title: string, body: unknown) => html`<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <style>
      body { font: 15px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; }
      h1 { color: #b71c1c; } code, pre { font-family: ui-monospace, monospace; background: #f6f8fa; border-radius: 4px; }
      pre { padding: .75rem; overflow-x: auto; } .op { border-top: 1px solid #d0d7de; padding: .75rem 0; }
      .m { display: inline-block; min-width: 4rem; font-weight: 700; text-transform: uppercase; }
      .en { color: #57606a; }
    </style>
  </head>
  <body>
    ${body}
  </body>
</html>`;

/** A reference page for the OpenAPI document, rendered on the server: no CDN, no client JS. */
export function docsPage(doc: OpenApi) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return page(
    doc.info.title,
    html`<h1>${doc.info.title}</h1>
      <p>机器可读文档：<a href="/openapi.json">/openapi.json</a>（OpenAPI 3.1）。错误均为
        <code>application/problem+json</code>，类型说明见 <a href="/problems">/problems</a>。</p>
      ${ops.map(
        ({ path, method, op }) => html`<section class="op" id="${String(op.operationId)}">
          <div><span class="m">${method}</span><code>${path}</code></div>
          <div>${String(op.summary ?? '')} <span class="en">${String(op.description ?? '')}</span></div>
          ${successes(op)}
          ${
            op.requestBody
              ? html`<details><summary>请求体 Request body</summary><pre>${JSON.stringify(
                  (op.requestBody as { content: Record<string, { schema: unknown }> }).content[
                    'application/json'
                  ]?.schema,
                  null,
                  2,
                )}</pre></details>`
              : ''
          }
        </section>`,
      )}
      <h2 id="schemas">响应结构 Response schemas</h2>
      <p>错误的结构见 <a href="#schema-Problem"><code>Problem</code></a>。</p>
      ${Object.entries(doc.components.schemas).map(
        ([id, schema]) => html`<details class="op" id="schema-${id}">
          <summary><code>${id}</code> ${schema.description ?? ''}</summary>
          <pre>${JSON.stringify(schema, null, 2)}</pre>
        </details>`,
      )}`,
  );
}

export function problemsPage(only?: ProblemType) {
  const entries = Object.entries(PROBLEM_TYPES).filter(([slug]) => only === undefined || slug === only);
  return page(
    '错误类型 Problem types',
    html`<h1>错误类型 Problem types</h1>
      <p>OneWindow 的错误响应遵循 RFC 9457；<code>errors</code> 数组列出每个出错字段的路径。</p>
      <dl>
        ${entries.map(
          ([slug, def]) =>
            html`<dt id="${slug}"><code>/problems/${slug}</code> (${raw(String(def.status))})</dt>
              <dd>${def.zh} <span class="en">${def.en}</span></dd>`,
        )}
      </dl>`,
  );
}
