/** A folder as LIST reports it (the fields the plan needs). */
export interface ListedFolder {
  path: string;
  flags: ReadonlySet<string> | readonly string[];
  specialUse?: string | null | undefined;
}

export type FolderPurpose = 'messages' | 'identities';

export interface PlannedFolder {
  path: string;
  specialUse: string | null;
  /** `identities`: examined for From headers alone (Gmail's Sent Mail; its messages are in All Mail). */
  purpose: FolderPurpose;
}

export interface SkippedFolder {
  path: string;
  reason: 'not-selectable' | 'junk' | 'trash' | 'drafts' | 'all-mail-duplicate' | 'excluded' | 'gmail-label';
}

export interface FolderPlan {
  gmail: boolean;
  folders: PlannedFolder[];
  skipped: SkippedFolder[];
}

const SKIPPED_SPECIAL_USE: Readonly<Record<string, SkippedFolder['reason']>> = {
  '\\Junk': 'junk',
  '\\Trash': 'trash',
  '\\Drafts': 'drafts',
  '\\All': 'all-mail-duplicate',
};

function hasFlag(flags: ListedFolder['flags'], wanted: string): boolean {
  const lower = wanted.toLowerCase();
  for (const flag of flags) if (flag.toLowerCase() === lower) return true;
  return false;
}

function isSelectable(folder: ListedFolder): boolean {
  return !hasFlag(folder.flags, '\\Noselect') && !hasFlag(folder.flags, '\\NonExistent');
}

const GMAIL_ROOT = /^\[(Gmail|Google Mail)\]\//i;

/** Gmail is recognised by its extension, by the provider preset, or by its `[Gmail]/` All Mail folder (as test servers lay it out). */
export function looksLikeGmail(folders: readonly ListedFolder[], hints: { gmailExtensions: boolean; provider: string | null }): boolean {
  if (hints.gmailExtensions || hints.provider === 'gmail') return true;
  return folders.some((folder) => folder.specialUse === '\\All' && GMAIL_ROOT.test(folder.path));
}

/**
 * DESIGN rule 0. Gmail: `[Gmail]/All Mail` holds every message once, so it is the only folder
 * read; `[Gmail]/Sent Mail` is examined for its From headers alone, to learn the user's addresses.
 * Elsewhere: every selectable folder except Junk, Trash, Drafts and an \All folder (a virtual
 * copy of the others). Folders the user excluded are never opened.
 *
 * Sent folders come first so own addresses are known before received mail is classified
 * (the network stays correct in any order; this order just avoids re-deriving it), then the
 * others by path, so two runs read folders in the same order.
 */
export function planFolders(folders: readonly ListedFolder[], options: { gmail: boolean; excluded: readonly string[] }): FolderPlan {
  const excluded = new Set(options.excluded);
  const skipped: SkippedFolder[] = [];
  const candidates: ListedFolder[] = [];
  for (const folder of folders) {
    if (!isSelectable(folder)) skipped.push({ path: folder.path, reason: 'not-selectable' });
    else if (excluded.has(folder.path)) skipped.push({ path: folder.path, reason: 'excluded' });
    else candidates.push(folder);
  }
  const byPath = (a: ListedFolder, b: ListedFolder) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const isSent = (folder: ListedFolder) => folder.specialUse === '\\Sent';

  const allMail = candidates.filter((folder) => folder.specialUse === '\\All');
  if (options.gmail && allMail.length > 0) {
    const plan: PlannedFolder[] = [
      ...candidates.filter(isSent).sort(byPath).map((folder) => ({ path: folder.path, specialUse: '\\Sent', purpose: 'identities' as const })),
      ...allMail.sort(byPath).map((folder) => ({ path: folder.path, specialUse: '\\All', purpose: 'messages' as const })),
    ];
    for (const folder of candidates) if (!isSent(folder) && folder.specialUse !== '\\All') skipped.push({ path: folder.path, reason: 'gmail-label' });
    return { gmail: true, folders: plan, skipped };
  }

  const read: ListedFolder[] = [];
  for (const folder of candidates) {
    const reason = folder.specialUse ? SKIPPED_SPECIAL_USE[folder.specialUse] : undefined;
    if (reason) skipped.push({ path: folder.path, reason });
    else read.push(folder);
  }
  const ordered = [...read.filter(isSent).sort(byPath), ...read.filter((folder) => !isSent(folder)).sort(byPath)];
  return {
    gmail: options.gmail,
    folders: ordered.map((folder) => ({ path: folder.path, specialUse: folder.specialUse ?? null, purpose: 'messages' })),
    skipped,
  };
}
