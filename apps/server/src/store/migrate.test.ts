import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../../test-support/test-server';
import { openDatabase } from './db';
import { migrate } from './migrate';

describe('store', () => {
  it('opens in WAL with synchronous FULL and foreign keys', () => {
    const dir = tempDataDir();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies each migration once, in order, and rolls back a failing one', () => {
    const dir = tempDataDir();
    const db = openDatabase(dir);
    const first = [
      { id: 'a/001', sql: 'CREATE TABLE a (x INTEGER)' },
      { id: 'b/001', sql: 'CREATE TABLE b (y INTEGER)' },
    ];
    expect(migrate(db, first)).toEqual(['a/001', 'b/001']);
    expect(migrate(db, first)).toEqual([]);
    const broken = [
      ...first,
      { id: 'c/001', sql: 'CREATE TABLE c (z INTEGER); CREATE TABLE a (x INTEGER);' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'c'").all();
    expect(tables).toEqual([]);
    expect(() => migrate(db, [...first, first[0]!])).toThrow(/twee keer/);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
