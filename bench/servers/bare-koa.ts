/**
 * The baseline: a bare Koa + @koa/router handler answering the same card JSON from a Map. Prints its port.
 */
import Router from '@koa/router';
import Koa from 'koa';

const card = JSON.parse(process.argv[2] ?? '{}') as { livingId: string };
const cards = new Map([[card.livingId, card]]);
const app = new Koa();
const router = new Router();
router.get('/api/lives/:livingId', (ctx) => {
  ctx.body = cards.get(ctx.params.livingId!);
});
app.use(router.routes());
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
