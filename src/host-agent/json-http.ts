import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request's JSON body, or undefined when it is larger than `maxBytes` or not JSON. An empty body is {}. */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > maxBytes) return undefined;
  }
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function sendJson(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
