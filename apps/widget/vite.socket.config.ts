import { chunkConfig } from './vite.chunk';

/** `dist/widget-socket.js`: socket.io's client, loaded when the resident opens the chat or co-browse starts. */
export default chunkConfig({
  entry: './src/socket-chunk.ts',
  name: 'KccSocketChunk',
  fileName: 'widget-socket.js',
});
