/**
 * The floor of the HTTP benchmark: a trivial express route, the same express as the
 * ledger's API, in its own process. Prints nothing; listens on PORT.
 */
import express from 'express';

const app = express();
app.get('/api/ping', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
