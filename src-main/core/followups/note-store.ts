import type { Note } from '../../../src-shared/api/followups.js';
import { RapportError } from '../errors.js';
import { refreshContacts } from '../network/refresh-contacts.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

interface NoteRow {
  id: number;
  contactId: number;
  body: string;
  isTouch: number;
  touchedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT_NOTE = `
  SELECT n.id, n.contact_id AS contactId, n.body, n.is_touch AS isTouch, i.occurred_at AS touchedAt,
         n.created_at AS createdAt, n.updated_at AS updatedAt
  FROM notes n LEFT JOIN interactions i ON i.note_id = n.id`;

function toNote(row: NoteRow): Note {
  return { ...row, isTouch: row.isTouch === 1 };
}

export function getNote(db: VaultDatabase, id: number): Note {
  const row = db.prepare(`${SELECT_NOTE} WHERE n.id = ?`).get(id) as NoteRow | undefined;
  if (!row) throw new RapportError('not_found', `no note with id ${id}`);
  return toNote(row);
}

/** Newest first. */
export function listNotes(db: VaultDatabase, contactId: number): Note[] {
  return (db.prepare(`${SELECT_NOTE} WHERE n.contact_id = ? ORDER BY n.created_at DESC, n.id DESC`).all(contactId) as NoteRow[]).map(toNote);
}

/** Keeps the note's touch interaction in step with the note: present iff marked, same text and date. */
function syncTouch(db: VaultDatabase, note: { id: number; contactId: number; body: string; isTouch: boolean }, touchedAt: string, now: Date): void {
  if (!note.isTouch) {
    db.prepare('DELETE FROM interactions WHERE note_id = ?').run(note.id);
    return;
  }
  const updated = db.prepare('UPDATE interactions SET note = ?, occurred_at = ?, contact_id = ? WHERE note_id = ?').run(note.body, touchedAt, note.contactId, note.id);
  if (updated.changes === 0) {
    db.prepare(
      `INSERT INTO interactions (contact_id, address, message_key, kind, direction, role, occurred_at, note, note_id, created_at)
       VALUES (?, NULL, NULL, 'note', NULL, NULL, ?, ?, ?, ?)`,
    ).run(note.contactId, touchedAt, note.body, note.id, now.toISOString());
  }
}

export function addNote(db: VaultDatabase, note: { contactId: number; body: string; isTouch: boolean; at: string | undefined }, now: Date): Note {
  return db.transaction(() => {
    const at = now.toISOString();
    const result = db
      .prepare('INSERT INTO notes (contact_id, body, is_touch, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(note.contactId, note.body, note.isTouch ? 1 : 0, at, at);
    const id = Number(result.lastInsertRowid);
    if (note.isTouch) syncTouch(db, { id, ...note }, note.at ?? at, now);
    refreshContacts(db, [note.contactId], now);
    return getNote(db, id);
  })();
}

export function updateNote(db: VaultDatabase, id: number, changes: { body?: string; isTouch?: boolean; at?: string }, now: Date): Note {
  return db.transaction(() => {
    const current = getNote(db, id);
    const body = changes.body ?? current.body;
    const isTouch = changes.isTouch ?? current.isTouch;
    db.prepare('UPDATE notes SET body = ?, is_touch = ?, updated_at = ? WHERE id = ?').run(body, isTouch ? 1 : 0, now.toISOString(), id);
    syncTouch(db, { id, contactId: current.contactId, body, isTouch }, changes.at ?? current.touchedAt ?? now.toISOString(), now);
    refreshContacts(db, [current.contactId], now);
    return getNote(db, id);
  })();
}

export function deleteNote(db: VaultDatabase, id: number, now: Date): Note {
  return db.transaction(() => {
    const note = getNote(db, id);
    db.prepare('DELETE FROM notes WHERE id = ?').run(id);
    refreshContacts(db, [note.contactId], now);
    return note;
  })();
}
