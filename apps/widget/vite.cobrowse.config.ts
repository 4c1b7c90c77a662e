import { chunkConfig } from './vite.chunk';

/** `dist/widget-cobrowse.js`: dialogs, banner and the rrweb recorder, loaded when a co-browse session starts. */
export default chunkConfig({
  entry: './src/cobrowse/chunk.ts',
  name: 'KccCobrowseChunk',
  fileName: 'widget-cobrowse.js',
});
