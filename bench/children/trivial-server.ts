/**
 * The floor of the HTTP benchmark: a trivial express route, the same express as the
 * ledger's API with the same app settings (no X-Powered-By, no ETag), on the same
 * host, answering a small JSON body. Prints nothing; listens on PORT.
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get('/api/ping', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
