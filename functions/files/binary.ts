import { defaultIsContentTypeBinary } from 'hono/aws-lambda';

/**
 * The CSV export starts with a UTF-8 BOM, and hono's adapter reads text bodies with
 * `Response.text()`, which drops it. Sent as binary (base64 to the gateway), the bytes stay
 * as they are and Excel keeps reading the file as UTF-8.
 */
export const isContentTypeBinary = (contentType: string): boolean =>
  /^text\/csv\s*(;|$)/i.test(contentType) || defaultIsContentTypeBinary(contentType);
