import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/**
 * The HTTP API without Slack (`cse serve` when no Slack tokens are set): the same routes the Slack
 * receiver serves next to /slack/events — /healthz and POST /v1/feedback — and 404 for the rest.
 */
export async function startHttpApi(routes: readonly CustomRoute[], port: number): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    const route = routes.find(
      (r) =>
        r.path === path && (Array.isArray(r.method) ? r.method : [r.method]).includes(req.method ?? 'GET'),
    );
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found', message: `No route ${req.method} ${path}` }));
      return;
    }
    // A handler that fails still answers: 500, never a request left hanging.
    Promise.resolve()
      .then(() => (route.handler as (req: IncomingMessage, res: ServerResponse) => unknown)(req, res))
      .catch(() => {
        if (res.headersSent) {
          res.end();
          return;
        }
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: 'internal', message: 'The request failed; the log has the details' }),
        );
      });
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return server;
}
