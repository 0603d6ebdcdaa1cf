import { z } from 'zod';
import { command } from './define-command.js';
import { cadenceInput, colourInput, contactRef } from './user-inputs.js';

/** A group of contacts the user thinks of together, with an optional follow-up cadence. */
export interface Bucket {
  id: number;
  name: string;
  /** `#rrggbb`, or null for the default colour. */
  color: string | null;
  /** Follow up with each member at least this often; null for a bucket without a cadence. */
  cadenceDays: number | null;
  description: string | null;
  /** Members (archived contacts included: they are still in the bucket). */
  contacts: number;
  /** Members that are due for a follow-up now (see `followups.list`). */
  due: number;
  createdAt: string;
  updatedAt: string;
}

export interface BucketSuggestion {
  name: string;
  cadenceDays: number | null;
  color: string;
  description: string;
  /** A bucket of that name already exists (the suggestion is then only shown as taken). */
  exists: boolean;
}

export interface AssignResult {
  bucket: Bucket;
  /** Contacts whose membership changed (already-members and non-members are not counted). */
  changed: number;
}

/** A bucket named by its id or (case-insensitively) by its name. */
export const bucketRef = z.union([z.number().int().positive(), z.string().trim().min(1, 'expected a bucket id or name')]);

const bucketName = z.string().trim().min(1, 'a bucket needs a name').max(80, 'a bucket name has at most 80 characters');
const description = z.string().max(2000, 'a description has at most 2000 characters');

/** Contacts to (un)assign: ids, addresses, or both; at least one. */
const members = z
  .object({
    bucket: bucketRef,
    contacts: z.array(contactRef).min(1, 'name at least one contact (id or email address)').max(100_000),
  })
  .strict();

export const bucketsCommands = {
  'buckets.list': command<Bucket[]>()(z.object({}).strict()),
  'buckets.get': command<Bucket>()(z.object({ bucket: bucketRef }).strict()),
  'buckets.create': command<Bucket>()(
    z
      .object({
        name: bucketName,
        color: colourInput.nullable().optional(),
        cadenceDays: cadenceInput.nullable().optional(),
        description: description.nullable().optional(),
      })
      .strict(),
  ),
  /** Changes only the fields given; `null` clears colour, cadence or description. */
  'buckets.update': command<Bucket>()(
    z
      .object({
        bucket: bucketRef,
        name: bucketName.optional(),
        color: colourInput.nullable().optional(),
        cadenceDays: cadenceInput.nullable().optional(),
        description: description.nullable().optional(),
      })
      .strict(),
  ),
  /** Deletes the bucket and its memberships; the contacts themselves stay. */
  'buckets.delete': command<{ deleted: Bucket }>()(z.object({ bucket: bucketRef }).strict()),
  'buckets.assign': command<AssignResult>()(members),
  'buckets.unassign': command<AssignResult>()(members),
  /** The built-in starting set ("Clients", "Prospects", ...), offered, never forced. */
  'buckets.suggestions': command<BucketSuggestion[]>()(z.object({}).strict()),
  /** Creates the named suggestions (all of them when none are named) that do not exist yet. */
  'buckets.addSuggested': command<Bucket[]>()(z.object({ names: z.array(z.string().trim().min(1)).optional() }).strict()),
};
