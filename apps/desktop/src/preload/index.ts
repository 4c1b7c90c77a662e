import { contextBridge, ipcRenderer } from 'electron';
import { createKccBridge } from './create-bridge';

// Sandboxed preload: bundled into one CommonJS file by build.mjs; it exposes nothing but `window.kcc`.
contextBridge.exposeInMainWorld('kcc', createKccBridge(ipcRenderer));
