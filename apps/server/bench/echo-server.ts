/**
 * The floor for the loopback benchmark: a bare socket.io server whose `echo` event acks the payload back.
 * Started as a child process by `loopback.bench.ts`; prints `ECHO_PORT <port>` when listening.
 */
import http from 'node:http';
import { Server } from 'socket.io';

const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 100_000 });
io.on('connection', (socket) => {
  socket.on('echo', (payload: unknown, ack: unknown) => {
    if (typeof ack === 'function') (ack as (p: unknown) => void)(payload);
  });
});
httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`ECHO_PORT ${port}`);
});
const stop = () => {
  void io.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
