import type { bucketsCommands } from '../../../src-shared/api/buckets.js';
import type { AppContext } from '../app-context.js';
import { RapportError } from '../errors.js';
import { resolveContacts } from '../followups/resolve-contact.js';
import type { HandlerTable } from '../handler.js';
import { assignContacts, createBucket, deleteBucket, getBucket, listBuckets, requireBucket, unassignContacts, updateBucket } from './bucket-store.js';
import { BUILT_IN_SUGGESTIONS, bucketSuggestions } from './bucket-suggestions.js';

function changed(context: AppContext, scope: 'buckets' | 'contacts' = 'buckets'): void {
  context.events.emit({ type: 'data.changed', scope });
}

export const bucketsHandlers: HandlerTable<typeof bucketsCommands> = {
  'buckets.list': (_args, { vault, now }) => listBuckets(vault.db(), now()),
  'buckets.get': ({ bucket }, { vault, now }) => getBucket(vault.db(), bucket, now()),
  'buckets.create': (args, context) => {
    const db = context.vault.db();
    const id = createBucket(db, args, context.now());
    changed(context);
    return getBucket(db, id, context.now());
  },
  'buckets.update': ({ bucket, ...fields }, context) => {
    const db = context.vault.db();
    const id = updateBucket(db, bucket, fields, context.now());
    changed(context);
    return getBucket(db, id, context.now());
  },
  'buckets.delete': ({ bucket }, context) => {
    const db = context.vault.db();
    const deleted = getBucket(db, bucket, context.now());
    deleteBucket(db, deleted.id);
    changed(context);
    return { deleted };
  },
  'buckets.assign': ({ bucket, contacts }, context) => {
    const db = context.vault.db();
    const changedCount = db.transaction(() => {
      const target = requireBucket(db, bucket);
      const ids = resolveContacts(db, contacts).map((contact) => contact.contactId);
      return { id: target.id, count: assignContacts(db, target.id, ids, context.now()) };
    })();
    changed(context);
    return { bucket: getBucket(db, changedCount.id, context.now()), changed: changedCount.count };
  },
  'buckets.unassign': ({ bucket, contacts }, context) => {
    const db = context.vault.db();
    const changedCount = db.transaction(() => {
      const target = requireBucket(db, bucket);
      const ids = resolveContacts(db, contacts).map((contact) => contact.contactId);
      return { id: target.id, count: unassignContacts(db, target.id, ids) };
    })();
    changed(context);
    return { bucket: getBucket(db, changedCount.id, context.now()), changed: changedCount.count };
  },
  'buckets.suggestions': (_args, { vault }) => bucketSuggestions(vault.db()),
  'buckets.addSuggested': ({ names }, context) => {
    const db = context.vault.db();
    const wanted = names ?? BUILT_IN_SUGGESTIONS.map((suggestion) => suggestion.name);
    const suggestions = bucketSuggestions(db);
    const unknown = wanted.filter((name) => !suggestions.some((suggestion) => suggestion.name.toLowerCase() === name.toLowerCase()));
    if (unknown.length > 0) {
      throw new RapportError('not_found', `not a suggested bucket: ${unknown.join(', ')} (suggestions: ${suggestions.map((s) => s.name).join(', ')})`);
    }
    const created = db.transaction(() =>
      suggestions
        .filter((suggestion) => !suggestion.exists && wanted.some((name) => name.toLowerCase() === suggestion.name.toLowerCase()))
        .map((suggestion) => createBucket(db, suggestion, context.now())),
    )();
    if (created.length > 0) changed(context);
    return created.map((id) => getBucket(db, id, context.now()));
  },
};
