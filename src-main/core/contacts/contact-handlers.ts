import type { ContactDetail, contactsCommands } from '../../../src-shared/api/contacts.js';
import type { AppContext } from '../app-context.js';
import { RapportError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { addIgnore, listIgnores, removeIgnore } from '../network/ignore-list.js';
import { ensureStrengthBasis } from '../network/strength-basis.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { contactDetail } from './contact-rows.js';
import { dismissDuplicate, findDuplicates } from './contact-duplicates.js';
import { deleteContact, dropAddress, hasMailHistory, requireOwnAddress, setArchived, setNeverShare, setPrimaryAddress, updateContact } from './contact-edits.js';
import { contactHistory } from './contact-history.js';
import { mergeContacts, unmergeContact } from './contact-merge.js';
import { addContactAddress, createContact } from './contact-store.js';
import { listContacts, searchContacts } from './list-contacts.js';
import { resolveContactRef } from './resolve-contact-ref.js';

function detail(db: VaultDatabase, id: number, now: Date): ContactDetail {
  const found = contactDetail(db, id, ensureStrengthBasis(db, now), now);
  if (found === null) throw new RapportError('not_found', `no contact with id ${id}`);
  return found;
}

/** Runs a change in one transaction, then tells every view that contacts changed. */
function change<T>(context: AppContext, work: (db: VaultDatabase, now: Date) => T): T {
  const db = context.vault.db();
  const now = context.now();
  const result = db.transaction(() => work(db, now))();
  context.events.emit({ type: 'data.changed', scope: 'contacts' });
  return result;
}

export const contactsHandlers: HandlerTable<typeof contactsCommands> = {
  'contacts.list': (args, { vault, now }) => {
    const db = vault.db();
    const at = now();
    return listContacts(db, args, ensureStrengthBasis(db, at), at);
  },
  'contacts.get': ({ contact }, { vault, now }) => {
    const db = vault.db();
    return detail(db, resolveContactRef(db, contact), now());
  },
  'contacts.create': (args, context) =>
    change(context, (db, now) => {
      const id = createContact(db, { ...args, source: 'manual' }, now);
      return detail(db, id, now);
    }),
  'contacts.update': ({ contact, ...changes }, context) =>
    change(context, (db, now) => {
      const id = resolveContactRef(db, contact);
      updateContact(db, id, changes, now);
      return detail(db, id, now);
    }),
  'contacts.archive': ({ contact }, context) =>
    change(context, (db, now) => {
      const id = resolveContactRef(db, contact);
      setArchived(db, id, true, now);
      return detail(db, id, now);
    }),
  'contacts.unarchive': ({ contact }, context) =>
    change(context, (db, now) => {
      const id = resolveContactRef(db, contact);
      setArchived(db, id, false, now);
      return detail(db, id, now);
    }),
  'contacts.delete': ({ contact }, context) =>
    change(context, (db) => {
      const id = resolveContactRef(db, contact);
      deleteContact(db, id);
      return { deleted: id };
    }),
  'contacts.addEmail': ({ contact, email }, context) =>
    change(context, (db, now) => {
      const id = resolveContactRef(db, contact);
      addContactAddress(db, id, email, now);
      return detail(db, id, now);
    }),
  'contacts.removeEmail': ({ contact, email }, context) =>
    change(context, (db, now) => {
      const id = resolveContactRef(db, contact);
      const address = requireOwnAddress(db, id, email);
      if (!hasMailHistory(db, id, address)) {
        dropAddress(db, id, address, now);
        return { contact: detail(db, id, now), splitContactId: null };
      }
      // Mail history belongs to the address: it leaves with it, as a contact of its own.
      const splitContactId = unmergeContact(db, id, address, now);
      return { contact: detail(db, id, now), splitContactId };
    }),
  'contacts.setPrimaryEmail': ({ contact, email }, context) =>
    change(context, (db, now) => {
      const id = resolveContactRef(db, contact);
      setPrimaryAddress(db, id, email, now);
      return detail(db, id, now);
    }),
  'contacts.setNeverShare': ({ contact, neverShare }, context) =>
    change(context, (db, now) => {
      const id = resolveContactRef(db, contact);
      setNeverShare(db, id, neverShare, now);
      return detail(db, id, now);
    }),
  'contacts.history': ({ contact, months }, { vault, now }) => {
    const db = vault.db();
    return contactHistory(db, resolveContactRef(db, contact), months, now());
  },
  'contacts.search': ({ query, limit }, { vault, now }) => {
    const db = vault.db();
    const at = now();
    return searchContacts(db, query, limit, ensureStrengthBasis(db, at), at);
  },
  'contacts.duplicates': ({ limit }, { vault, now }) => {
    const db = vault.db();
    const at = now();
    return findDuplicates(db, limit, ensureStrengthBasis(db, at), at);
  },
  'contacts.dismissDuplicate': ({ contacts }, context) =>
    change(context, (db, now) => {
      const a = resolveContactRef(db, contacts[0], 'contacts.0');
      const b = resolveContactRef(db, contacts[1], 'contacts.1');
      dismissDuplicate(db, a, b, now);
      return { dismissed: true as const };
    }),
  'contacts.merge': ({ target, source }, context) =>
    change(context, (db, now) => {
      const targetId = resolveContactRef(db, target, 'target');
      const sourceId = resolveContactRef(db, source, 'source');
      mergeContacts(db, targetId, sourceId, now);
      return detail(db, targetId, now);
    }),
  'contacts.unmerge': ({ contact, email }, context) =>
    change(context, (db, now) => {
      const id = resolveContactRef(db, contact);
      const splitId = unmergeContact(db, id, email, now);
      return { contact: detail(db, id, now), split: detail(db, splitId, now) };
    }),
  'ignore.add': ({ pattern }, context) => change(context, (db, now) => addIgnore(db, pattern, now)),
  'ignore.remove': ({ pattern }, context) => change(context, (db, now) => removeIgnore(db, pattern, now)),
  'ignore.list': (_args, { vault }) => listIgnores(vault.db()),
};
