// The baseline: a bare Fastify JSON route on the same machine, measured in the same run as Hearth.
import Fastify from 'fastify';

const payload = {
  id: 'OOrlNMXeS72gs_WEX2TtMg',
  name: 'Pat Customer',
  address: '1 Main St',
  emails: [{ original: 'pat@example.com', normalized: 'pat@example.com', primary: true }],
  phones: [],
  customAttributes: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const app = Fastify({ logger: false });
app.get('/bare', async () => payload);
// A floor for database-backed routes: one prepared point lookup per request, no auth, no validation.
if (process.env.DATABASE_URL) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  app.get('/bare-db/:orgId/:id', async (request) => {
    const { orgId, id } = request.params;
    const { rows } = await pool.query({
      name: 'bare-point-lookup',
      text: 'SELECT * FROM customers WHERE org_id = $1 AND id = $2',
      values: [orgId, id],
    });
    return rows[0] ?? {};
  });
}
app.post('/bare', async (request) => ({ ...payload, received: request.body }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
