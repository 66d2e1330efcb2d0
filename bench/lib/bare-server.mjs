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
app.post('/bare', async (request) => ({ ...payload, received: request.body }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
